package org.openll.common.jcf;

/** A keyword value that cannot be used; the caller adds the file and line. */
final class BadValueException extends Exception {
  BadValueException(String problem) {
    super(problem, null, false, false);
  }
}
