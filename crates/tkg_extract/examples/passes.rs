//! Times each pass of the extractor over the seeds and prints the
//! throughput of the fastest pass, of the tenth percentile and of the median
//! one (`passes [N]`, 300 passes unless told). On a shared machine the
//! clock and the neighbours change from one second to the next: the spread
//! of single passes shows what the code can do and what the machine let it,
//! where the mean of a benchmark mixes both.

// The allocator the `tkg` binary uses, so that the numbers are the ones users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/seeds.rs"]
mod seeds;

use std::time::Instant;

fn main() {
    let texts = seeds::texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let ex = tkg_extract::Extractor::builtin();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300)
        .max(1);
    let mut seconds = Vec::with_capacity(n);
    let mut facts = 0;
    for _ in 0..n {
        let t = Instant::now();
        for text in &texts {
            facts += ex.extract(text).facts.len();
        }
        seconds.push(t.elapsed().as_secs_f64());
    }
    seconds.sort_by(f64::total_cmp);
    #[expect(clippy::cast_precision_loss, reason = "a byte count far below 2^52")]
    let mb_per_s = |s: f64| bytes as f64 / s / 1e6;
    println!(
        "{n} passes over {bytes} bytes ({} facts a pass): best {:.2} MB/s, p10 {:.2} MB/s, median {:.2} MB/s",
        facts / n,
        mb_per_s(seconds[0]),
        mb_per_s(seconds[n / 10]),
        mb_per_s(seconds[n / 2]),
    );
}
