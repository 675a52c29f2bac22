package org.openll.starter;

/** The command could not be started; the message is the one line the user sees (it names the file). */
final class LaunchFailure extends Exception {
  LaunchFailure(String message) {
    super(message);
  }
}
