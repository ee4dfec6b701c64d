// aia-screenshots: the pictures of the README and the user guide, taken from
// the application itself. It opens the main window, drives it as a person
// would (the demo dataset, a training run from the Train page, a drop of
// images on Annotate, a project scored and partly reviewed, an experiment
// opened) and saves each page as a PNG. docs/tools/screenshots.sh runs it
// under Xvfb with a settings folder of its own.

#include "annotate_page.h"
#include "browse_page.h"
#include "dataset_page.h"
#include "experiments_page.h"
#include "main_window.h"
#include "review_page.h"
#include "thresholds_page.h"
#include "train_page.h"

#include "aia/runtime/runtime.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QThread>

#include <cstdio>
#include <functional>
#include <optional>

namespace {

struct Options {
  QString out, photos, project, experiment;
  int epochs = 12;
};

// Turns the event loop until `done` or `seconds` pass; false on the timeout.
bool waitFor(const std::function<bool()>& done, int seconds) {
  const QDeadlineTimer deadline(seconds * 1000);
  while (!done()) {
    if (deadline.hasExpired()) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QThread::msleep(10);
  }
  return true;
}

void settle(int ms) {
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < ms) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QThread::msleep(10);
  }
}

bool shoot(aia::ui::MainWindow& window, QWidget* page, const QString& path) {
  window.tabs()->setCurrentWidget(page);
  settle(1500);  // thumbnails and plots finish drawing
  const bool ok = window.grab().save(path);
  std::fprintf(stderr, "aia-screenshots: %s %s\n", ok ? "wrote" : "cannot write", qPrintable(path));
  return ok;
}

int fail(const char* what) {
  std::fprintf(stderr, "aia-screenshots: %s\n", what);
  return 1;
}

std::optional<Options> parse(const QStringList& args) {
  Options o;
  for (int i = 1; i + 1 < args.size(); i += 2) {
    if (args[i] == QLatin1String("--out"))
      o.out = args[i + 1];
    else if (args[i] == QLatin1String("--photos"))
      o.photos = args[i + 1];
    else if (args[i] == QLatin1String("--project"))
      o.project = args[i + 1];
    else if (args[i] == QLatin1String("--experiment"))
      o.experiment = args[i + 1];
    else if (args[i] == QLatin1String("--epochs"))
      o.epochs = args[i + 1].toInt();
    else
      return std::nullopt;
  }
  if (o.out.isEmpty() || o.photos.isEmpty() || o.project.isEmpty() || o.epochs < 1) return std::nullopt;
  return o;
}

// Dataset, then a training run started with the Train page's Start; the run opens when it ends.
int trainDemo(aia::ui::MainWindow& w, const Options& o) {
  bool loaded = false;
  QObject::connect(w.datasetPage(), &aia::ui::DatasetPage::datasetLoaded, [&](bool) { loaded = true; });
  w.datasetPage()->load(QStringLiteral("demo"));
  if (!waitFor([&] { return loaded; }, 600)) return fail("the demo dataset did not load");
  if (!shoot(w, w.datasetPage(), o.out + QStringLiteral("/dataset.png"))) return 1;
  w.tabs()->setCurrentWidget(w.trainPage());
  w.trainPage()->findChild<QSpinBox*>(QStringLiteral("epochs"))->setValue(o.epochs);
  bool finished = false;
  QObject::connect(w.controller(), &aia::ui::TrainingController::finished, [&] { finished = true; });
  w.trainPage()->findChild<QPushButton*>(QStringLiteral("startButton"))->click();
  if (!waitFor([&] { return finished; }, 1800)) return fail("training did not finish in 30 minutes");
  if (w.currentRun().isEmpty()) return fail("the training run did not open");
  return shoot(w, w.trainPage(), o.out + QStringLiteral("/train.png")) ? 0 : 1;
}

// A drop of a few photos on Annotate, then a project over the folder, scored, five images reviewed.
int annotateAndReview(aia::ui::MainWindow& w, const Options& o) {
  QStringList drop;
  for (const auto& f : QDir(o.photos).entryInfoList({QStringLiteral("*.png")}, QDir::Files, QDir::Name))
    if (drop.size() < 8) drop << f.absoluteFilePath();
  bool annotated = false;
  QObject::connect(w.annotatePage(), &aia::ui::AnnotatePage::annotated, [&] { annotated = true; });
  w.tabs()->setCurrentWidget(w.annotatePage());
  w.annotatePage()->addPaths(drop);
  if (!waitFor([&] { return annotated; }, 300)) return fail("the dropped images were not tagged");
  if (!shoot(w, w.annotatePage(), o.out + QStringLiteral("/annotate.png"))) return 1;

  aia::ui::ReviewPage* review = w.reviewPage();
  bool opened = false, scored = false;
  QObject::connect(review, &aia::ui::ReviewPage::projectOpened, [&] { opened = true; });
  QObject::connect(review, &aia::ui::ReviewPage::scoringFinished, [&] { scored = true; });
  w.tabs()->setCurrentWidget(review);
  review->createProject(o.project, {o.photos}, true);
  if (!waitFor([&] { return opened && review->project(); }, 300)) return fail("the project did not open");
  review->scoreImages();
  if (!waitFor([&] { return scored; }, 600)) return fail("the project was not scored");
  for (int k = 0; k < 5; ++k) {
    settle(300);
    review->acceptAndNext();
  }
  return shoot(w, review, o.out + QStringLiteral("/review.png")) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("AIA Studio"));
  QCoreApplication::setApplicationName(QStringLiteral("aia-studio"));
  const auto options = parse(app.arguments());
  if (!options) {
    std::fputs("Usage: aia-screenshots --out DIR --photos FOLDER --project NEW [--experiment EXP] [--epochs 12]\n",
               stderr);
    return 2;
  }
  aia::configure_runtime();
  aia::ui::MainWindow window;
  window.resize(1360, 860);
  window.show();
  settle(500);
  if (int rc = trainDemo(window, *options)) return rc;
  if (!shoot(window, window.browsePage(), options->out + QStringLiteral("/browse.png"))) return 1;
  if (!shoot(window, window.thresholdsPage(), options->out + QStringLiteral("/thresholds.png"))) return 1;
  if (int rc = annotateAndReview(window, *options)) return rc;
  if (!options->experiment.isEmpty()) {
    if (!window.experimentsPage()->open(options->experiment)) return fail("the experiment did not open");
    if (!shoot(window, window.experimentsPage(), options->out + QStringLiteral("/experiments.png"))) return 1;
  }
  return 0;
}
