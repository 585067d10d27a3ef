import MTACommands

@main
struct Entry {
    static func main() async {
        await MTA.mainExpandingConfig()
    }
}
