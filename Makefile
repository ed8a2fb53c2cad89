# Developer shortcuts; the README's two commands are scripts/run.sh and scripts/test.sh.
.PHONY: run test lint format translations

run:
	scripts/run.sh $(ARGS)

test:
	scripts/test.sh $(ARGS)

lint:
	scripts/lint.sh

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Extract the UI strings into the English catalogue, then compile it. Translate what lupdate
# marks unfinished in kiosk/ui/i18n/kiosk_en.ts (pyside6-linguist, or by hand) before releasing.
translations:
	.venv/bin/pyside6-lupdate $$(find kiosk -name '*.py' | sort) -source-language fr_FR \
		-target-language en_GB -no-obsolete -locations none -ts kiosk/ui/i18n/kiosk_en.ts
	.venv/bin/pyside6-lrelease -silent kiosk/ui/i18n/kiosk_en.ts -qm kiosk/ui/i18n/kiosk_en.qm

