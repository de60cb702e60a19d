//! Rule refusals and explanations: calendar, expiry, answers, purge, duplicates.
