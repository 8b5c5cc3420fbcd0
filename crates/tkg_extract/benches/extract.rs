//! Extraction throughput over the seed corpus, on one core.
//!
//! `cargo bench -p tkg_extract --bench extract` reports MB/s (criterion's
//! "thrpt" line, in bytes).

// The allocator the `tkg` binary uses, so that the numbers are the ones users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../examples/common/seeds.rs"]
mod seeds;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn extract(c: &mut Criterion) {
    let texts = seeds::texts();
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
