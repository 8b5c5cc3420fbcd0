//! Runs the extractor over the seeds many times (for profiling).

// The allocator the `tkg` binary uses, so that the numbers are the ones users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/seeds.rs"]
mod seeds;

fn main() {
    let texts = seeds::texts();
    let ex = tkg_extract::Extractor::builtin();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let mut facts = 0;
    for _ in 0..n {
        for t in &texts {
            facts += ex.extract(t).facts.len();
        }
    }
    println!("{facts}");
}
