"""`python -m peermap` runs the same entry point as the console script."""

from peermap.entry import main

main()
