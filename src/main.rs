fn main() -> std::process::ExitCode {
    caresim::cli::main()
}
