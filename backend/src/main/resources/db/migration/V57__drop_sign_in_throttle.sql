-- The staff sign-in back-off is kept per typed name and source in memory (identity/SignInBackoff): the
-- source address must never be stored, so this table, keyed by the name alone, has no reader any more.
drop table sign_in_throttle;
