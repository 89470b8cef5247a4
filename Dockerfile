# syntax=docker/dockerfile:1
# One image per application module: docker build --build-arg MODULE=integration-service -t mcp-manager/integration-service .
# MODULE is the Maven module = artifactId = spring.application.name = image name.

FROM eclipse-temurin:21-jdk AS build
ARG MODULE
RUN test -n "$MODULE" || { echo "build arg MODULE is required (e.g. --build-arg MODULE=gateway)" >&2; exit 1; }
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl "$MODULE" -am package -DskipTests \
 && cp "$MODULE/target/$MODULE-"*.jar /app.jar

FROM eclipse-temurin:21-jre AS layers
WORKDIR /layers
COPY --from=build /app.jar app.jar
# Spring Boot's layered, exploded layout with its launcher: dependencies change rarely, the
# application layer on every build, so image pulls only move the top layers.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21-jre
ARG MODULE
LABEL org.opencontainers.image.title="$MODULE" \
      org.opencontainers.image.source="mcp-manager" \
      org.opencontainers.image.description="MCP Manager $MODULE"
# A fixed, unprivileged uid (Kubernetes runAsNonRoot checks a numeric user); no home, no login
# shell. Package managers' tools the application never calls are removed.
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app \
 && rm -f /usr/bin/wget /usr/bin/curl
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
# Root filesystem may be read-only: only /tmp (an emptyDir or tmpfs) is written.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    SPRING_MAIN_BANNER_MODE=off
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
