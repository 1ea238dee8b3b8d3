# nnkit course: every target creates .venv on first use and installs the pinned set into it.
# Needs only Python 3.11+ and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_OUT ?= demo-output

.PHONY: help install lint test test-fast demo lab lab-solutions notebooks figures fonts bench book book-test browser hub-test clean

help:
	@echo "make demo   - set up, then run the whole instructor cycle on sample submissions ($(DEMO_OUT)/)"
	@echo "make test   - set up, then lint (ruff) and run the whole test suite"
	@echo "make lint   - ruff, configured in pyproject.toml"
	@echo "make lab    - set up, make your student notebooks in my-work/ (never overwritten), open JupyterLab there"
	@echo "              (COURSE_LANG=zh_CN: the Chinese notebooks, in my-work-zh_CN/)"
	@echo "make lab-solutions - JupyterLab on course/source/ (the notebooks with their solutions)"
	@echo "make notebooks - rebuild course/source/*.ipynb from course/authoring/*.py, and the translations"
	@echo "make figures - run the source notebooks and write every figure as PNG (figures/)"
	@echo "make fonts  - as root: install the Chinese font of the Chinese notebooks' figures (fonts-noto-cjk)"
	@echo "make bench  - run the benchmark scripts"
	@echo "make book   - build the course's book (website) into book/_build/html, offline"
	@echo "make book-test - build the book and open every page in headless Chromium (make browser first)"
	@echo "make hub-test - as root: set up the shared server (deploy/) and run a class through JupyterHub"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m grader.sandbox --install || true
	@touch $(STAMP)

install: $(STAMP)

test: $(STAMP) lint
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" -p no:cacheprovider

demo: $(STAMP)
	$(BIN)/nnkit-grade demo --out $(DEMO_OUT)

COURSE_LANG ?= en
WORK ?= $(if $(filter en,$(COURSE_LANG)),my-work,my-work-$(COURSE_LANG))
STUDENT_LAB := JUPYTER_CONFIG_PATH=$(CURDIR)/course/student-lab

lab: $(STAMP)
	$(BIN)/nnkit-grade workspace --dir $(WORK) --lang $(COURSE_LANG)
	cd $(WORK) && $(STUDENT_LAB) $(CURDIR)/$(BIN)/jupyter lab

lab-solutions: $(STAMP)
	cd course/source && ../../$(BIN)/jupyter lab

notebooks: $(STAMP)
	$(BIN)/python -m grader.nbbuild
	$(BIN)/python -m grader.instructor.translate update
	$(BIN)/python -m grader.instructor.translate build

figures: $(STAMP)
	$(BIN)/nnkit-grade figures --out figures

bench: $(BOOK_STAMP)
	$(BIN)/python benchmarks/bench_training.py
	$(BIN)/python benchmarks/bench_grading.py
	$(BIN)/python benchmarks/bench_book.py

BOOK_STAMP := $(VENV)/.book-installed

$(BOOK_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,book]"
	@touch $(BOOK_STAMP)

book: $(BOOK_STAMP)
	$(BIN)/python book/build.py

# Debian's Chromium for the book's browser test (never a browser downloaded by a test tool).
# The Chinese figures' font (Debian's fonts-noto-cjk; any font of grader.check.i18n.CJK_FONTS will do)
fonts:
	@find /usr/share/fonts /usr/local/share/fonts -iname '*cjk*' 2>/dev/null | grep -q . \
	  || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null) \
	  || (echo "install a Chinese font for the figures (as root: apt-get install fonts-noto-cjk)"; exit 1)

browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || (echo "install Debian's chromium package (as root: apt-get install chromium)"; exit 1)

book-test: $(BOOK_STAMP) browser fonts
	$(BIN)/python -m pytest book/test_book.py -p no:cacheprovider -q

# The shared server (deploy/): set up as root, then the whole cycle through JupyterHub with real users.
hub-test: $(BOOK_STAMP) browser
	$(BIN)/python -m pytest deploy/test_hub.py -p no:cacheprovider -q -s

clean:
	rm -rf $(VENV) $(DEMO_OUT) figures course/release course/autograded course/feedback course/submitted \
	       course/gradebook.db course/reports course/exchange book/_build book/node_modules
