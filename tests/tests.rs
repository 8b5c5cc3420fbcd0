//! Integration tests: drive the `tkg` binary against real on-disk stores.

mod build;
mod eval;
mod export;
mod extension;
mod hostile;
mod lookup;
mod queries;
mod query;
mod util;
