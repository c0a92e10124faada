/**
 * Messaging: conversations of assignments, end-to-end encrypted envelopes (opaque to the server), pre-keys, live delivery and push.
 */
@Module(tables = {"conversation", "conversation_activity", "device_queue", "envelope", "push_subscription", "signed_pre_key"})
package se.bredvid.messaging;

import se.bredvid.platform.Module;
