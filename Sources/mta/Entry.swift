import Foundation
import MTACommands

@main
struct Entry {
    static func main() async {
        // Under a file-size limit (ulimit -f) the kernel would kill the process mid-write
        // with SIGXFSZ; ignored, the write fails with EFBIG, which is reported with the file.
        signal(SIGXFSZ, SIG_IGN)
        await MTA.mainExpandingConfig()
    }
}
