package io.mcpmanager.auth.user;

/** The login feature's lock on an account, as account administration sees it. */
public interface AccountLocks {

  boolean isLocked(String username);

  /** Lifts a lock and every delay of the account; joins the caller's transaction. */
  void unlock(String username);
}
