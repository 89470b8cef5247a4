package io.mcpmanager.auth.mfa;

/**
 * A started enrolment: the secret for an authenticator app, also as an {@code otpauth://} URI (the
 * console shows it as a QR code). Shown once; confirm it with a code.
 */
public record TotpEnrolment(String secret, String otpauthUri) {}
