package se.bredvid.messaging.conversations;

import se.bredvid.platform.Published;

import java.util.UUID;

/**
 * Published inside the transaction that closes a conversation, so that listeners (check-ins) end what
 * hangs on it in the same commit.
 */
@Published
public record ConversationClosed(UUID conversationId) {
}
