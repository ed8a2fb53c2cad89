"""The video player: libvlc rendering into native child widgets, driven from the GUI thread.

Rules: one ``vlc.Instance`` per process (:mod:`.instance`); libvlc calls
its event callbacks on its own threads and is not re-entrant, so a callback only hands the
event to the GUI thread through a queued Qt signal (:mod:`.events`) and never calls libvlc or
touches a widget; players are stopped and released before their widget goes away
(:meth:`.player.VideoPlayer.release`).

- :mod:`.instance`   the one libvlc instance, its options and subtitle style
- :mod:`.events`     libvlc events handed over to the GUI thread
- :mod:`.surface`    the native windows libvlc draws into
- :mod:`.deck`       one libvlc player on one surface, and the player's states
- :mod:`.area`       the black video area, its stand-in picture and margins
- :mod:`.sequence`   clips played one after the other
- :mod:`.player`     :class:`~.player.VideoPlayer`, two decks for gapless sequences
- :mod:`.loop_player` the attract loop's player, whose windows never flash black
- :mod:`.x11`        the libxcb requests that keep pixels on screen until libvlc draws
"""
