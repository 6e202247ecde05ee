fn main() -> std::process::ExitCode {
    // Output piped into a program that stops reading (`caresim diff A B | head`) ends the
    // process quietly, as for any command-line tool, instead of a panic on the closed pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    caresim::cli::main()
}
