"""The attract loop, the kiosk's shop window: the aftermovie and a slow pan over the drawings,
an invitation to touch always readable, any touch back to the home screen.

libvlc draws the film into native windows, which X stacks above anything Qt paints in their
parent: a widget painted over the video is never seen. So the loop is a native window of its
own over the whole kiosk window, laid out in three native children:

* the film (:class:`~kiosk.playback.video.loop_player.LoopVideoPlayer`), framed at its own
  aspect ratio in the picture area (no black bars), on a hedge-green ground;
* the drawing (:class:`DrawingPan`), over the whole picture area, panned slowly;
* the invitation (:class:`InvitationBand`), an opaque band along the bottom, always on top.

No black frame at a switch: a film starts *under* the drawing on screen, which is taken away
only once libvlc has its first picture (and libvlc's windows keep the pixels beneath them until
they draw: :func:`~kiosk.playback.video.x11.keep_pixels_when_uncovered`); a drawing comes
*over* the film a moment before the film's end, and the film is stopped once covered; a film
that loops on its own uses the player's two decks (the next showing prepared underneath, paused
on its first picture). Drawings are decoded in a worker thread, one ahead.

Modules: :mod:`.loop` (the loop), :mod:`.pictures` (the drawing and the invitation band),
:mod:`.films` (which films), :mod:`.plan` (the order, no Qt).
"""
