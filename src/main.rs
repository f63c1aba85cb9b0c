/// mimalloc: crux makes and frees millions of small objects (the tokens of a large
/// debate), which the system allocator frees slowly. It takes its heap in transparent
/// huge pages where crux allows it: only for debates of a few megabytes (see
/// `cli/memory.rs`). Its version 2 (the `v2` feature): on the one-file 10,000-node
/// debate, version 3 left more huge pages partly used (a peak of 62-64 MB instead of
/// 49 MB) and took a fifth longer (29-31 ms instead of 23-25 ms, `perf stat -r 30`,
/// alternated), and it starts slower (2.5-2.7 ms instead of 2.1 ms on one node).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    crux::cli::huge_pages(false);
    let args = crux::cli::parse();
    let status = crux::cli::run(args);
    std::process::exit(status.code());
}
