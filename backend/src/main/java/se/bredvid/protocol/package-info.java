/**
 * The end-to-end protocol as the server sees it (docs/protocol.md): the envelope header and its AAD, Ed25519
 * signatures of challenges and pre-keys, padding, base64url. A ground floor like {@code platform}: every
 * module may use it, and it uses no feature module.
 */
package se.bredvid.protocol;
