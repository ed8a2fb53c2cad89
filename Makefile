# Developer shortcuts; the README's two commands are scripts/run.sh and scripts/test.sh.
.PHONY: run test lint format translations bench reliability screenshots

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
# marks unfinished in kiosk/kit/i18n/kiosk_en.ts (pyside6-linguist, or by hand) before releasing.
translations:
	.venv/bin/pyside6-lupdate $$(find kiosk -name '*.py' | sort) -source-language fr_FR \
		-target-language en_GB -no-obsolete -locations none -ts kiosk/kit/i18n/kiosk_en.ts
	.venv/bin/pyside6-lrelease -silent kiosk/kit/i18n/kiosk_en.ts -qm kiosk/kit/i18n/kiosk_en.qm
	# French is the source language; Qt still needs a catalogue for its plural forms.
	.venv/bin/pyside6-lupdate $$(find kiosk -name '*.py' | sort) -source-language fr_FR \
		-target-language fr_FR -pluralonly -no-obsolete -locations none -ts kiosk/kit/i18n/kiosk_fr.ts
	.venv/bin/pyside6-lrelease -silent kiosk/kit/i18n/kiosk_fr.ts -qm kiosk/kit/i18n/kiosk_fr.qm


# Benchmarks (bench/bench_*.py), each against a baseline measured in the same run; prints one
# table (every figure with its budget, pass or MISS) and writes bench/results/latest.json.
# `make bench ARGS=map` runs only the map ones; ARGS=--fail-on-miss exits 1 on a missed budget.
bench:
	scripts/setup.sh --test
	.venv/bin/python -m bench $(ARGS)

# Reliability scenarios of issue 8 in their long form (power cuts, bad media, hostile input,
# monkey, soak: about 20 minutes), then one table: scenario, runs, failures, what was lost.
# scripts/test.sh runs their quick versions. `make reliability ARGS=-k power` runs one.
reliability:
	scripts/setup.sh --test
	.venv/bin/python -m tests.reliability.report $(ARGS)

# Every visitor screen at 1920x1080, 1080x1920 and 1280x800, in French and English, with
# larger text and high contrast, into docs/screenshots/ (the kiosk under xvfb-run, a few
# minutes). `make screenshots ARGS="--only map place"` redoes some screens.
screenshots:
	scripts/screenshots.sh $(ARGS)
