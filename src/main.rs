use clap::Parser;

/// mimalloc: crux makes and frees millions of small objects (the tokens of a large
/// debate), which the system allocator frees slowly.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = crux::cli::Args::parse();
    let status = crux::cli::run(args);
    std::process::exit(status.code());
}
