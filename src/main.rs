use clap::Parser;

fn main() {
    let args = crux::cli::Args::parse();
    let status = crux::cli::run(args);
    std::process::exit(status.code());
}
