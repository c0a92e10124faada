/**
 * Audit: the hash-chained log of who read or changed what, and its verification.
 */
@Module(tables = {"audit_entry", "audit_head"})
package se.bredvid.audit;

import se.bredvid.platform.Module;
