"""Playing media: the libvlc video player and the image pipeline."""
