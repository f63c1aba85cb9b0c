/// mimalloc: crux makes and frees millions of small objects (the tokens of a large
/// debate), which the system allocator frees slowly. It takes its heap in transparent
/// huge pages where crux allows it: only for debates of a few megabytes (see
/// `cli/memory.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    crux::cli::huge_pages(false);
    let args = crux::cli::parse();
    let status = crux::cli::run(args);
    std::process::exit(status.code());
}
