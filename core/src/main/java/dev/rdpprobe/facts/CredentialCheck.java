package dev.rdpprobe.facts;

import java.util.Objects;

/**
 * What became of the credentials a probe proved over CredSSP, as the CredSSP step concluded it and
 * recorded it in the trace (a note's value): the facts read the last one.
 *
 * @param account the account tried ({@code DOMAIN\\user}), or empty without credentials
 * @param outcome what became of them
 * @param detail the outcome in a sentence
 */
public record CredentialCheck(String account, CredentialOutcome outcome, String detail) {
  public CredentialCheck {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }
}
