"""The network of kiosks: releases published once, applied by every member. No Qt.

Distribution is Syncthing's business (:mod:`.syncthing`, :mod:`.membership`); this package
makes, signs, checks and applies releases, and writes and reads the status files. Two shared
folders per network:

* the *publication* folder (:mod:`.media_pool`)::

      releases/<release id>/manifest.json   the release (:mod:`.release`)
      releases/<release id>/manifest.sig    its Ed25519 signature (base64), over the exact bytes
      media/<sha256[:2]>/<sha256>           each media file once, named by its content hash

  written through temporary names (``.partial-*``, never a partial file under its own name;
  Syncthing may ignore :data:`.state.TEMP_PREFIX`), media first, the release folder last;
* the *status* folder: ``status/<kiosk id>.json``, one per kiosk (:mod:`.status`).

Every file of the shared folders is read the same way (:mod:`.safe_files`): a regular file
only, opened without following a link or blocking, checked through its descriptor, bounded; a
pool file is always copied, never linked, into ``assets/`` and ``videos/``. A release dated
more than a day ahead of this kiosk's clock is ignored (:data:`.release.FUTURE_MARGIN`).

What stays on this kiosk (machine scope, never travels) is under ``<content root>/network/``
(:mod:`.state`): keys, the state of what was applied, the previous releases for rollback.

API (what the command line, the daemon and the staff area call):

* keys (:mod:`.keys`): ``create_keys(root) -> fingerprint``, ``load_private_key(root)``,
  ``load_trusted_keys(root) -> list[TrustedKey]``, ``trust_key(root, text, network=None) ->
  fingerprint``, ``trusted_network(root) -> name or None`` (the network the keys were given
  for), ``forget_key(root, fingerprint)``, ``own_fingerprint(root)``, ``public_key_text(key)``,
  ``fingerprint_of(key or text)``; ``membership.trust_code(root, code, trust_new_key=False)``
  (``apply --code``: another network's code, or a new key without the flag, refused); join
  codes in :mod:`.join_code` (every field checked before anything is written);
  errors :class:`.keys.NetworkKeyError`;
* ``publish(root, catalogue, publication_dir, private_key, network=NAME, force=False)
  -> release id`` (:mod:`.publish`): the current catalogue as a new signed release, only new
  media copied into the pool; unless ``force``, :class:`.publish.NothingToPublishError` when
  nothing changed since the release this kiosk shows and :class:`.publish.NewerReleaseError`
  when a newer release (another publisher's) is not applied here yet;
* ``apply_waiting(root, catalogue, publication_dir, trusted_keys, visitor_idle, network=NAME)
  -> ApplyResult`` (:mod:`.apply`): ``result.outcome`` is one of ``Outcome.APPLIED``,
  ``WAITING`` (``result.reason``: media still arriving, a visit going on), ``REFUSED``
  (``result.reason``: bad or missing signature, unknown key, the gate), ``NOTHING_NEW``;
  ``result.refused`` every release ignored in that pass and why; ``visitor_idle`` is a bool or
  a callable, asked before the files are staged and again just before the switch; the
  publication folder may be a copy on a USB stick;
* ``rollback(root, catalogue) -> release id`` (:mod:`.apply`): back to the previous release
  (:mod:`.history` keeps the last five with their media);
* ``write_status(root, status_dir, kiosk_id, name=, place=, health=None) -> Path``,
  ``read_statuses(status_dir) -> list[KioskStatus]``,
  ``format_status_table(statuses, now=None) -> str`` (:mod:`.status`, French);
* ``load_state(root) -> NetworkState`` (:mod:`.state`): applied, waiting and why, refused.

Errors for a person to act on are :class:`.release.NetworkError` (one French line); a bad
release is never an exception to the caller of ``apply_waiting``.
"""

from __future__ import annotations
