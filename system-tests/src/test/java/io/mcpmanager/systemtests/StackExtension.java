package io.mcpmanager.systemtests;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Boots the stack on first use (one boot per test run) and dumps the service logs when a test
 * fails.
 */
public class StackExtension implements BeforeAllCallback, TestWatcher {

  @Override
  public void beforeAll(ExtensionContext context) {
    LocalStack.get();
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    LocalStack.dumpLogs(context.getDisplayName());
  }
}
