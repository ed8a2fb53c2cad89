"""Vidéos: the list of films and the full-screen player.

- :mod:`.list_screen`      the list screen (route ``videos``)
- :mod:`.tiles`            the aftermovie's big tile
- :mod:`.list_model`       the catalogue's videos as a list model, and what a row says
- :mod:`.cards`            a vignette's card, painted by a delegate
- :mod:`.grid_view`        the page: header tiles, heading, a grid of cards
- :mod:`.poster_loading`   posters loaded off the GUI thread, handed over to the player
- :mod:`.player_screen`    the full-screen player (route ``player``)
- :mod:`.player_controls`  its two bands of controls
- :mod:`.player_error`     the card shown when a film cannot be played
- :mod:`.player_subtitles` the subtitle style given to libvlc
- :mod:`.player_style`     the player's colours and style sheet
"""
