package io.mcpmanager.systemtests;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the local stack once, after the whole test run (also when tests failed). */
public class StackSessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    LocalStack.stopIfStarted();
  }
}
