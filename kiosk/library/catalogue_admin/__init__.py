"""Staff work on the catalogue's places, map, albums and pages, without Qt (media have
:mod:`kiosk.library.media_admin`).

Every change goes through ``Catalogue.session()``, so the gate (:mod:`kiosk.store.validation`)
checks it: a value it refuses raises :class:`~kiosk.store.validation.ValidationError` (French
reason, ``field`` = ``table.column``) and nothing changes. The staff tabs and the command line
call these functions; none of them opens a session of its own to write.

- :mod:`.new_rows`: a new album or page last in its list, its identifier made by the one
  slug rule (:mod:`kiosk.library.slugs`);
- :mod:`.places`: a place's fields, its tags, its deletion to the Corbeille;
- :mod:`.maps`: the one current map, its title and credits, its reference points;
- :mod:`.albums`: albums, their order, their drawings' order, captions and moves between albums;
- :mod:`.pages`: the text pages, their deletion to the Corbeille;
- :mod:`.communes`: the communes of the Allier and a point inside each, to place a place.
"""
