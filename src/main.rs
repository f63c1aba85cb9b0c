/// mimalloc: crux makes and frees millions of small objects (the tokens of a large
/// debate), which the system allocator frees slowly. Built without transparent huge
/// pages (the `no_thp` feature): with them, a 2 MiB region that the parse leaves
/// partly used stays resident in full, about a tenth of the peak of a large check.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = crux::cli::parse();
    let status = crux::cli::run(args);
    std::process::exit(status.code());
}
