package io.mcpmanager.git.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Pagination follows {@code Link: rel="next"} only on the provider's API origin. */
class NextLinkTests {

  private static final URI API = URI.create("https://api.github.com/");

  private static HttpHeaders link(String target) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.LINK, "<" + target + ">; rel=\"next\", <https://x/last>; rel=\"last\"");
    return headers;
  }

  @Test
  void shouldFollowALinkOnTheApiOrigin() {
    assertThat(ProviderHttp.nextLink(link("https://api.github.com/user/repos?page=2"), API))
        .isEqualTo(URI.create("https://api.github.com/user/repos?page=2"));
    assertThat(ProviderHttp.nextLink(link("https://API.github.com:443/user/repos?page=2"), API))
        .isNotNull();
  }

  @Test
  void shouldIgnoreALinkToAnotherOrigin() {
    assertThat(ProviderHttp.nextLink(link("https://169.254.169.254/latest/meta-data"), API))
        .isNull();
    assertThat(ProviderHttp.nextLink(link("http://api.github.com/user/repos?page=2"), API))
        .isNull();
    assertThat(ProviderHttp.nextLink(link("https://api.github.com:8443/user/repos"), API)).isNull();
    assertThat(ProviderHttp.nextLink(link("https://api.github.com.evil.example/x"), API)).isNull();
    assertThat(ProviderHttp.nextLink(link("https://user@api.github.com/x"), API)).isNull();
    assertThat(ProviderHttp.nextLink(link("/user/repos?page=2"), API)).isNull();
    assertThat(ProviderHttp.nextLink(new HttpHeaders(), API)).isNull();
  }
}
