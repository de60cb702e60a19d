//! Identity: passwords, sign-in, who is acting.
