from eventset.cli import main

main()
