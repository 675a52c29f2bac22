/** LoadL_admin: the administration file's stanzas, and what the daemons read from them (class limits). */
package org.openll.common.admin;
