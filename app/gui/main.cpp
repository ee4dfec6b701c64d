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

#include <cstdlib>
#include <cstdio>
#include <unistd.h>

#include "aia/runtime.h"

int main(int argc, char** argv) {
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
  if (ours.load(locale, QStringLiteral("aia_studio"), QStringLiteral("_"), QStringLiteral(":/i18n"))) app.installTranslator(&ours);
  if (qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    app.installTranslator(&qt);
  if (locale.textDirection() == Qt::RightToLeft) app.setLayoutDirection(Qt::RightToLeft);

  aia::ui::MainWindow window;
  window.show();
  window.datasetPage()->load(settings.value(QStringLiteral("dataset"), QStringLiteral("demo")).toString());
  return app.exec();
}
