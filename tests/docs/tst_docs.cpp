// The documentation against the program it describes: docs/cli.md is what
// the commands' own --help print (and the check that says so fails on a file
// that is not), every relative link and picture in the Markdown files is
// there, every command has a guide that names it, and the README stays a
// front door (under 250 lines).

#include <QtTest>

#include <QDir>
#include <QProcess>
#include <QRegularExpression>

namespace {

const QString kRoot = QStringLiteral(AIA_TESTS_DIR "/..");

struct Result {
  int code = -1;
  QString out, err;
};

Result run(const QString& program, const QStringList& args) {
  QProcess p;
  p.start(program, args);
  p.waitForFinished(300000);
  Result r;
  r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

QString read(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll());
}

Result checkReference(const QString& file) {
  return run(QStringLiteral("bash"),
             {kRoot + QStringLiteral("/docs/tools/cli_reference.sh"), QStringLiteral("--check"), AIA_CLI, file});
}

QStringList markdownFiles() {
  QStringList files;
  for (const char* name : {"README.md", "ARCHITECTURE.md", "CHANGELOG.md", "BENCHMARKS.md", "RELIABILITY.md"})
    files << kRoot + QLatin1Char('/') + QLatin1String(name);
  for (const auto& f : QDir(kRoot + QStringLiteral("/docs")).entryInfoList({QStringLiteral("*.md")}, QDir::Files))
    files << f.absoluteFilePath();
  return files;
}

// The names `aia --help` lists under "Subcommands:".
QStringList commands() {
  const Result r = run(AIA_CLI, {QStringLiteral("--help")});
  QStringList names;
  bool on = false;
  for (const QString& line : r.out.split(QLatin1Char('\n'))) {
    if (line.startsWith(QLatin1String("Subcommands:")))
      on = true;
    else if (on && line.trimmed().isEmpty())
      on = false;
    else if (on && line.startsWith(QLatin1String("  ")))
      names << line.trimmed().section(QLatin1Char(' '), 0, 0);
  }
  return names;
}

}  // namespace

class TestDocs : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void cliReferenceIsCurrent() {
    const Result r = checkReference(kRoot + QStringLiteral("/docs/cli.md"));
    QVERIFY2(r.code == 0, qPrintable(r.out.left(4000) + r.err));
  }

  // The check above acts: a reference that lacks one line of the help is refused, naming the file.
  void staleReferenceIsCaught() {
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("cli.md"));
    QString text = read(kRoot + QStringLiteral("/docs/cli.md"));
    const int option = text.indexOf(QLatin1String("  --threads"));
    QVERIFY(option > 0);
    text.remove(option, text.indexOf(QLatin1Char('\n'), option) + 1 - option);
    QFile f(copy);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
    f.close();
    const Result r = checkReference(copy);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(copy + QStringLiteral(" is stale")), qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("+  --threads")), qPrintable(r.out.left(2000)));
  }

  void linksAndPicturesResolve() {
    const QRegularExpression link(QStringLiteral(R"(\]\(([^)\s]+)\))"));
    int checked = 0;
    for (const QString& file : markdownFiles()) {
      const QString text = read(file);
      QVERIFY2(!text.isEmpty(), qPrintable(file + QStringLiteral(" is missing or empty")));
      for (auto it = link.globalMatch(text); it.hasNext();) {
        const QString target = it.next().captured(1);
        if (target.contains(QLatin1String("://")) || target.startsWith(QLatin1Char('#')) ||
            target.startsWith(QLatin1String("mailto:")))
          continue;
        const QString path = QFileInfo(file).dir().filePath(target.section(QLatin1Char('#'), 0, 0));
        QVERIFY2(QFileInfo::exists(path),
                 qPrintable(file + QStringLiteral(": the link ") + target + QStringLiteral(" leads nowhere")));
        ++checked;
      }
    }
    QVERIFY2(checked > 20, "too few links found: the pattern reads nothing");
  }

  void everyCommandHasAGuide() {
    const QStringList names = commands();
    QVERIFY(names.size() >= 10);
    QString guides;
    for (const QString& file : markdownFiles())
      if (!file.endsWith(QLatin1String("/cli.md"))) guides += read(file);
    for (const QString& name : names)  // `aia get-model` counts for get-model, `aia get` would not
      QVERIFY2(guides.contains(QRegularExpression(QStringLiteral("aia ") + name + QStringLiteral("(?![a-z-])"))),
               qPrintable(QStringLiteral("no guide names `aia ") + name + QLatin1Char('`')));
  }

  void readmeIsAFrontDoor() {
    const QStringList lines = read(kRoot + QStringLiteral("/README.md")).split(QLatin1Char('\n'));
    QVERIFY2(lines.size() < 250, qPrintable(QStringLiteral("README.md has %1 lines").arg(lines.size())));
    const QString text = lines.join(QLatin1Char('\n'));
    QVERIFY(text.contains(QLatin1String("bash packaging/install-deps.sh && cmake --preset dev")));
    QVERIFY(text.contains(QLatin1String("docs/images/")));
  }
};

QTEST_GUILESS_MAIN(TestDocs)
#include "tst_docs.moc"
