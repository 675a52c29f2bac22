/** Checks of submitted jobs that the schedd and {@code llsubmit --dry-run} share. */
package org.openll.common.validate;
