//! `tkg stats`: the summary tables of the graph.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use super::{open_existing, write_stats};

pub fn run(store_dir: &Path) -> anyhow::Result<u8> {
    let store = open_existing(store_dir)?;
    let stats = store.stats().context("cannot compute statistics")?;
    let mut out = std::io::stdout().lock();
    write_stats(&mut out, &stats)?;
    out.flush()?;
    Ok(0)
}
