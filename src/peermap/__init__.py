"""peermap: map and strengthen the peer relationships your work depends on."""

__version__ = "0.1.0"
