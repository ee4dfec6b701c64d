// aia-studio: the desktop application.

#include "dataset_page.h"
#include "main_window.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "aia/runtime/runtime.h"

namespace {

constexpr const char* kUsage =
    "Usage: aia-studio [OPTION]\n"
    "The AIA Studio desktop application: train automatic image annotation models\n"
    "(TResNet-M with the unsymmetrical loss of Salar and Ahmadi, 2023), tune\n"
    "per-label thresholds, browse predictions and annotate images.\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "      --version  show the version and exit\n"
    "\n"
    "Without a display (no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM) it runs\n"
    "the command-line demo instead: aia train on the demo dataset.\n"
    "The language follows the system, or the \"language\" setting (de, fa).\n"
    "See also aia(1), the command line over the same core.\n";

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--version") {
      std::printf("aia-studio %s\n", AIA_VERSION);
      return 0;
    }
  }
  // Without a display, run the command-line demo instead of failing to start.
  if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM")) {
    std::fprintf(stderr, "aia-studio: no display found; running the command-line demo (aia train) instead\n");
    const std::string self = QDir(QString::fromLocal8Bit(argv[0])).absolutePath().toStdString();
    const std::string cli = self.substr(0, self.rfind('/') + 1) + "aia";
    char* args[] = {const_cast<char*>(cli.c_str()), const_cast<char*>("train"), nullptr};
    ::execv(cli.c_str(), args);
    std::perror(("aia-studio: cannot run " + cli).c_str());
    return 1;
  }
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("AIA Studio"));
  QCoreApplication::setApplicationName(QStringLiteral("aia-studio"));
  QCoreApplication::setApplicationVersion(QStringLiteral(AIA_VERSION));
  aia::configure_runtime();

  // The language follows the system, or the "language" setting (e.g. de, fa).
  QSettings settings;
  const QLocale locale(settings.value(QStringLiteral("language"), QLocale::system().name()).toString());
  QTranslator ours, qt;
  if (ours.load(locale, QStringLiteral("aia_studio"), QStringLiteral("_"), QStringLiteral(":/i18n")))
    app.installTranslator(&ours);
  if (qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
              QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    app.installTranslator(&qt);
  if (locale.textDirection() == Qt::RightToLeft) app.setLayoutDirection(Qt::RightToLeft);

  aia::ui::MainWindow window;
  window.show();
  window.datasetPage()->load(settings.value(QStringLiteral("dataset"), QStringLiteral("demo")).toString());
  return app.exec();
}
