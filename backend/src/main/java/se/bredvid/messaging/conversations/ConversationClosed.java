package se.bredvid.messaging.conversations;

import java.util.UUID;

/**
 * Published inside the transaction that closes a conversation, so that listeners (check-ins) end what
 * hangs on it in the same commit.
 */
public record ConversationClosed(UUID conversationId) {
}
