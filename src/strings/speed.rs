//! The console's loading state and the CLI's query output.
