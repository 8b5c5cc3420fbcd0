//! Extraction throughput over the seed corpus, on one core.
//!
//! `cargo bench -p tkg_extract --bench extract` reports MB/s (criterion's
//! "thrpt" line, in bytes).

// The allocator the `tkg` binary uses, so that the numbers are the ones users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn seeds() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn extract(c: &mut Criterion) {
    let texts = seeds();
    let bytes: usize = texts.iter().map(String::len).sum();
    let ex = tkg_extract::Extractor::builtin();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("seeds", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| ex.extract(t).facts.len())
                .sum::<usize>()
        });
    });
    group.finish();
}

criterion_group!(benches, extract);
criterion_main!(benches);
