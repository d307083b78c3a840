"""Every German text of the ``storage`` package, in one place, with plural forms.

``storage`` never imports the UI, so its messages (errors, check reports, import reports, record
labels) live here; the UI's texts live in ``asskomm_tui/strings.py``, which reuses ``Plural``.
A translation adds a sibling module and switches the import.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


def fmt_int(value: int) -> str:
    """``40.039`` (German thousands separator)."""
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class Plural:
    """A text about a count, in its German singular and plural form.

    ``HINTS = Plural("{n} Hinweis", "{n} Hinweise")``; ``HINTS(1)`` → ``"1 Hinweis"``,
    ``HINTS(1200)`` → ``"1.200 Hinweise"``. Further ``{placeholders}`` are filled from keywords.
    """

    one: str
    other: str

    def __call__(self, n: int, **values: Any) -> str:
        template = self.one if n == 1 else self.other
        return template.format(n=fmt_int(n), **values)


def shell_quote(text: str) -> str:
    """``text`` quoted for the user's shell, so that a command naming a path can be pasted as it is.

    Always quoted (also paths without spaces), so the user sees where the path begins and ends;
    Windows' cmd and PowerShell take double quotes (a Windows path never contains one), POSIX
    shells single quotes.
    """
    if os.name == "nt":
        return f'"{text}"'
    return "'" + text.replace("'", "'\"'\"'") + "'"


# -- store errors (``errors.py``) ------------------------------------------------------------------
STORE_CORRUPT = (
    "Die Datei {path} ist beschädigt und kann nicht gelesen werden ({detail}). Sie wurde nicht "
    "verändert. Sicherungen dieses Speichers anzeigen: {list_command} – eine davon zurückholen: "
    "{restore_command}"
)
STORE_NOT_FOUND = "Die Speicherdatei {path} gibt es nicht."
STORE_EMPTY = "Die Speicherdatei {path} ist leer; asskomm hat noch nichts hineingeschrieben."
STORE_READ_ONLY = "Der Speicher {path} ist nur zum Lesen geöffnet; an ihm wird nichts geändert."


# -- pydantic's error types, in German (``errors.validation_detail``) --------------------------------
VALIDATION = {
    "missing": "fehlt",
    "extra_forbidden": "unbekanntes Feld",
    "string_too_long": "höchstens {max_length} Zeichen erlaubt",
    "string_too_short": "darf nicht leer sein",
    "string_pattern_mismatch": "hat nicht die erwartete Form",
    "string_type": "muss ein Text sein",
    "string_unicode": "ist kein gültiger Text",
    "int_type": "muss eine ganze Zahl sein",
    "int_parsing": "muss eine ganze Zahl sein",
    "int_from_float": "muss eine ganze Zahl sein",
    "float_type": "muss eine Zahl sein",
    "bool_type": "muss wahr oder falsch sein",
    "bool_parsing": "muss wahr oder falsch sein",
    "greater_than_equal": "muss mindestens {ge} sein",
    "greater_than": "muss größer als {gt} sein",
    "less_than_equal": "darf höchstens {le} sein",
    "less_than": "muss kleiner als {lt} sein",
    "date_type": "muss ein Datum sein",
    "date_parsing": "ist kein gültiges Datum",
    "date_from_datetime_parsing": "ist kein gültiges Datum",
    "date_from_datetime_inexact": "ist kein gültiges Datum",
    "datetime_type": "muss ein Zeitpunkt sein",
    "datetime_parsing": "ist kein gültiger Zeitpunkt",
    "datetime_from_date_parsing": "ist kein gültiger Zeitpunkt",
    "timezone_aware": "braucht eine Zeitzone",
    "uuid_type": "ist keine gültige UUID",
    "uuid_parsing": "ist keine gültige UUID",
    "literal_error": "hat einen unbekannten Wert (erwartet: {expected})",
    "enum": "hat einen unbekannten Wert (erwartet: {expected})",
    "list_type": "muss eine Liste sein",
    "tuple_type": "muss eine Liste sein",
    "dict_type": "muss ein Objekt sein",
    "model_type": "muss ein Objekt sein",
    "model_attributes_type": "muss ein Objekt sein",
    "too_long": "hat zu viele Einträge (höchstens {max_length})",
    "too_short": "hat zu wenige Einträge (mindestens {min_length})",
    "union_tag_invalid": "hat eine unbekannte Art {tag}",
    "union_tag_not_found": "nennt keine Art (kind)",
    "json_invalid": "ist kein gültiges JSON",
    "frozen_instance": "darf nicht geändert werden",
}
VALIDATION_OTHER = "ist ungültig"


def fmt_size(n_bytes: int) -> str:
    """``24,5 MB`` (binary units, one decimal, German comma)."""
    size = float(n_bytes)
    for unit in ("Byte", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            text = f"{size:.0f}" if unit == "Byte" else f"{size:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        size /= 1024
    return f"{n_bytes} Byte"


# -- the operating system refused a file (``errors.file_error``) ----------------------------------
DISK_FULL = ("Auf dem Datenträger von {folder} ist nicht genug Platz: zum Speichern werden etwa {needed} "
             "gebraucht, frei sind {free}. Bitte Platz schaffen und dann erneut speichern.")
DISK_FULL_NO_SIZE = ("Auf dem Datenträger von {folder} ist kein Platz mehr frei (frei sind {free}). "
                     "Bitte Platz schaffen und es dann erneut versuchen.")
DISK_FULL_SOMEWHERE = "Der Datenträger ist voll. Bitte Platz schaffen und es dann erneut versuchen."
QUOTA_EXCEEDED = ("Das Speicherkontingent (Quota) für {folder} ist ausgeschöpft: zum Speichern werden etwa "
                  "{needed} gebraucht. Bitte Platz schaffen und dann erneut speichern.")
QUOTA_EXCEEDED_NO_SIZE = ("Das Speicherkontingent (Quota) für {folder} ist ausgeschöpft. "
                          "Bitte Platz schaffen und es dann erneut versuchen.")
FILE_TOO_BIG = ("Die Datei {path} wäre mit etwa {needed} größer, als der Datenträger von {folder} "
                "eine Datei werden lässt (frei sind {free}). Bitte einen anderen Speicherort wählen.")
FILE_IN_USE = ("Die Datei {path} konnte nicht ersetzt werden: ein anderes Programm hat sie gerade geöffnet "
               "(z. B. ein Virenscanner, eine Sicherungssoftware oder ein Fenster, das sie liest). "
               "Sie ist unverändert. Bitte einen Moment warten und dann erneut speichern.")
NO_PERMISSION = ("Keine Berechtigung für {path}. Bitte die Zugriffsrechte des Ordners {folder} prüfen "
                 "oder einen anderen Speicherort wählen.")
READ_ONLY_DISK = ("Der Datenträger von {folder} ist schreibgeschützt, {path} kann nicht geschrieben werden. "
                  "Bitte den Schreibschutz aufheben oder einen anderen Speicherort wählen.")
IO_ERROR = ("Lese- oder Schreibfehler des Datenträgers bei {path}. Der Datenträger ist vielleicht "
            "beschädigt oder wurde entfernt; bitte prüfen und es dann erneut versuchen.")
FILE_NOT_FOUND = "Die Datei oder der Ordner {path} existiert nicht (mehr)."
IS_A_FOLDER = "{path} ist ein Ordner, keine Datei."
NOT_A_FOLDER = "Ein Teil des Pfads {path} ist eine Datei, kein Ordner."
OS_ERROR_OTHER = "Das Betriebssystem meldet beim Zugriff auf {path} einen Fehler (Nr. {errno}: {detail})."
FILE_UNNAMED = "eine Datei"
FOLDER_UNNAMED = "der Datei"
SIZE_UNKNOWN = "(nicht feststellbar)"

# -- opening a store (``store.Store.open``) --------------------------------------------------------
DAILY_BACKUP_FAILED = ("Die tägliche Sicherung wurde nicht angelegt: {reason} Der Speicher ist trotzdem "
                       "geöffnet; beim nächsten Start wird die Sicherung erneut versucht.")


# -- JSON that cannot be parsed (``json_errors.describe_json_error``) ------------------------------
JSON_TRUNCATED = "Die Datei endet mitten im JSON (Zeile {line}, Spalte {column}) – abgeschnitten?"
JSON_NOT_UTF8 = "Kein gültiger UTF-8-Text an Byte {byte} (Zeile {line}, Spalte {column})"
JSON_BOM = "Die Datei beginnt mit einer Byte-Order-Mark (BOM); erwartet wird UTF-8 ohne BOM"
JSON_BAD_CHARACTER = "Kein gültiges JSON: unerwartetes Zeichen {char} in Zeile {line}, Spalte {column}"
JSON_AFTER_END = ("Kein gültiges JSON: nach dem Ende des JSON-Objekts folgt noch etwas "
                  "(Zeile {line}, Spalte {column})")
JSON_TRAILING_COMMA = "Kein gültiges JSON: überzähliges Komma in Zeile {line}, Spalte {column}"
JSON_BAD_NUMBER = "Kein gültiges JSON: ungültige Zahl in Zeile {line}, Spalte {column}"
JSON_BAD_STRING = ("Kein gültiges JSON: ungültiger Text (Steuerzeichen oder Escape-Sequenz) in "
                   "Zeile {line}, Spalte {column}")
JSON_TOO_DEEP = "Kein gültiges JSON: zu tief verschachtelt (Zeile {line}, Spalte {column})"
JSON_OTHER = "Kein gültiges JSON (Zeile {line}, Spalte {column})"

# -- reading a bundle file (``sync/bundle.py``) -----------------------------------------------------
BUNDLE_NOT_GZIP = "Die Datei ist keine gzip-Datei (obwohl .gz im Namen) und auch kein lesbares JSON."
BUNDLE_GZIP_TRUNCATED = ("Die gzip-Datei ist abgeschnitten: sie endet nach {size} mitten im komprimierten "
                         "Inhalt (unvollständig kopiert oder heruntergeladen?).")
BUNDLE_GZIP_DAMAGED = "Die gzip-Datei ist beschädigt: ihr komprimierter Inhalt ist fehlerhaft."
BUNDLE_GZIP_CHECKSUM = "Die gzip-Datei ist beschädigt: ihre Prüfsumme oder Länge stimmt nicht mit dem Inhalt überein."
BUNDLE_GZIP_AFTER_END = "Die gzip-Datei ist beschädigt: nach ihrem Ende folgen fremde Daten."

# -- the rules every stored record follows (``rules.py``: ``check`` and import) ---------------------
RULE_UNKNOWN_COMMUNE = "unbekannte Kommune {ags} (nicht in der mitgelieferten Gemeindeliste)"
RULE_COMMUNE_NOT_PACKAGED = ("AGS {ags} ist keine Gemeinde der mitgelieferten Gemeindeliste; Kommunen "
                             "kommen nur aus dieser Liste")
RULE_EMPTY = "{field} ist leer"
RULE_UNKNOWN_PROBLEM_FIELD = "unbekanntes Problemfeld {code!r}"
RULE_MEASURE_FIELD = "Maßnahme {measure}: unbekanntes Problemfeld {code!r}"
RULE_MEASURE_GOAL = "Maßnahme {measure}: unbekanntes Ziel {goal!r}"
RULE_STRATEGY_FINDING = "übernommener Befund {finding}: unbekanntes Problemfeld {code!r}"
RULE_PROGRAMME_NOT_HQ = ("Programmeinstellungen (Jahresbudget): sie ändert nur die Zentrale; diese Datei kommt "
                         "von einer Beraterin oder einem Berater")
RULE_NEW_PROBLEM_FIELD = ("neues Problemfeld {code!r}: den Katalog der Problemfelder erweitert nur die "
                          "Zentrale, diese Datei kommt von einer Beratung")
FIELD_NAME = "Name"
FIELD_KREIS = "Kreis"

# -- what ``asskomm check`` and an import say about records ---------------------------------------
KIND_NAME = {"commune": "Kommune", "visit": "Besuch", "problem_field": "Problemfeld",
             "consultant": "Beratende/r", "strategy": "Strategie", "erasure": "Löschanordnung"}
RECORD_IN_BUNDLE = "Datensatz {index} ({kind} {id})"
# a record named in a list of conflicts
RECORD_LABEL = {
    "visit": "Besuch in {commune} am {day}",
    "commune": "Kommune {name}",
    "consultant": "Beratende/r {name}",
    "problem_field": "Problemfeld {name}",
    "strategy": "Strategie {commune} {start}–{end}",
    "programme": "Programmeinstellungen",
}
IMPORT_RULE_BROKEN = "{file}: {record}: {problem}."
CHECK_COUNTS = {
    "commune": Plural("{n} Kommune", "{n} Kommunen"),
    "visit": Plural("{n} Besuch", "{n} Besuche"),
    "strategy": Plural("{n} Strategie", "{n} Strategien"),
    "problem_field": Plural("{n} Problemfeld", "{n} Problemfelder"),
    "consultant": Plural("{n} beratende Person", "{n} beratende Personen"),
    "conflict": Plural("{n} Konfliktversion", "{n} Konfliktversionen"),
    "erasure": Plural("{n} Löschanordnung", "{n} Löschanordnungen"),
}
CHECK_OK = "in Ordnung ({counts})."
CHECK_PROBLEMS = Plural("{n} Problem gefunden:", "{n} Probleme gefunden:")


# -- repositories ---------------------------------------------------------------------------------
STRATEGY_EXISTS = "Für {period} gibt es schon eine Strategie."
STRATEGY_OVERLAPS = "Der Zeitraum überschneidet sich mit der Strategie {period}."
PROGRAMME_HQ_ONLY = "Das Jahresbudget legt die Zentrale fest; es kommt mit ihrer Datei auf jedes Gerät."

# -- keys, trust and sealed bundles (storage/keys.py, trust.py, sync/sealed.py) --------------------------------
KEY_NOT_BASE64 = "Der {what} in der Schlüsseldatei ist beschädigt (kein Base64)."
KEY_FILE_MISSING = ("Die Schlüsseldatei {file} fehlt. Sie liegt neben dem Speicher und wird beim ersten Öffnen "
                    "angelegt; ohne sie kann dieses Gerät nichts unterschreiben und nichts öffnen.")
KEY_FILE_DAMAGED = ("Die Schlüsseldatei ist beschädigt oder gehört zu einer anderen asskomm-Version. "
                    "Bitte eine Sicherung der Schlüsseldatei zurückspielen.")
KEY_PASSPHRASE_NEEDED = ("Die Schlüssel dieses Geräts sind mit einem Passwort geschützt. Bitte das Passwort "
                         "eingeben (auf der Kommandozeile: Umgebungsvariable ASSKOMM_PASSPHRASE oder die Abfrage).")
KEY_WRONG_PASSPHRASE = ("Das Passwort ist falsch: die Schlüssel dieses Geräts lassen sich damit nicht öffnen. "
                        "Ohne das richtige Passwort gibt es keinen Zugang zu ihnen.")
TRUST_FILE_MISSING = "Die Datei {file} gibt es nicht."
TRUST_NOT_KEY_FILE = ("{file} ist keine Schlüsseldatei von asskomm (asskomm keys export) und keine versiegelte "
                      "Exportdatei.")
TRUST_BAD_SIGNATURE = ("{file}: Die Unterschrift der Schlüsseldatei stimmt nicht – sie wurde verändert oder ist "
                       "beschädigt. Nicht übernommen.")
TRUST_OWN_KEY = "Das ist der eigene Schlüssel dieses Geräts; ihm muss nicht vertraut werden."
TRUST_HQ_AT_HQ = ("Dieses Gerät ist die Zentrale; Schlüssel einer anderen Zentrale werden hier nicht "
                  "angenommen.")
TRUST_ONLY_HQ = ("Dieses Gerät vertraut nur dem Schlüssel der Zentrale; die Datei stammt von einem "
                 "Beratergerät. Geräte nimmt die Zentrale an.")
TRUST_REVOKED = "Das Gerät {device}… ist gesperrt; sein Schlüssel wird nicht wieder angenommen."
TRUST_ALREADY = "Der Schlüssel {fingerprint} ist schon angenommen; nichts geändert."
TRUST_DEVICE_KEY_CHANGED = ("Das Gerät {device}… hat einen anderen Schlüssel als den angenommenen, und der alte "
                            "hat den neuen nicht unterschrieben. Nicht übernommen: bitte beim Berater nachfragen "
                            "(ein neues Gerät bekommt eine neue Gerätekennung).")
TRUST_ACCEPT_DEVICE = "Gerät {device}… mit dem Fingerabdruck {fingerprint} ins Geräteregister aufgenommen."
TRUST_PIN_HQ = "Schlüssel der Zentrale mit dem Fingerabdruck {fingerprint} angenommen."
TRUST_HQ_ROTATED = ("Neuer Schlüssel der Zentrale {fingerprint} angenommen: der bisherige hat ihn "
                    "unterschrieben.")
TRUST_HQ_KEY_CHANGED = ("Die Datei nennt einen anderen Schlüssel der Zentrale ({new}) als den angenommenen ({old}), "
                        "und der angenommene hat ihn nicht unterschrieben. Nicht übernommen: bitte die Zentrale "
                        "anrufen und den Fingerabdruck vergleichen.")
TRUST_REVOKE_ONLY_HQ = "Geräte sperrt die Zentrale; auf einem Beratergerät gibt es kein Geräteregister."
TRUST_NO_SUCH_DEVICE = "Im Geräteregister gibt es kein Gerät {device}."
TRUST_AMBIGUOUS_DEVICE = "{device} passt auf mehrere Geräte im Register; bitte mehr Zeichen angeben."
TRUST_OWN_UNKNOWN_KEY = ("{file}: Die Datei gibt vor, von diesem Gerät zu stammen, ist aber mit keinem seiner "
                         "Schlüssel unterschrieben. Nicht eingelesen.")
TRUST_NOT_FROM_HQ = ("{file}: Die Datei stammt von einem Beratergerät, nicht von der Zentrale. Ein Beratergerät "
                     "liest nur Dateien der Zentrale ein. Nichts geändert.")
TRUST_HQ_UNKNOWN = ("{file}: Der Schlüssel der Zentrale ist auf diesem Gerät noch nicht angenommen. Fingerabdruck "
                    "der Datei: {fingerprint}. Bitte mit der Zentrale vergleichen (Telefon) und dann annehmen: "
                    "asskomm keys trust DATEI oder in der App unter Schlüssel. Nichts geändert.")
TRUST_DEVICE_UNKNOWN = ("{file}: Das Gerät {device}… ist nicht im Geräteregister. Fingerabdruck der Datei: "
                        "{fingerprint}. Bitte mit dem Berater vergleichen (Telefon) und dann annehmen: "
                        "asskomm keys trust DATEI oder in der App unter Schlüssel. Nichts geändert.")
TRUST_DEVICE_REVOKED = ("{file}: Der Schlüssel des Geräts {device}… ist gesperrt (verlorenes Gerät?). Die Datei "
                        "wird nicht eingelesen. Nichts geändert.")
TRUST_WRONG_SIGNER = ("{file}: Die Datei ist mit einem unbekannten Schlüssel ({fingerprint}) unterschrieben, "
                      "nicht mit dem angenommenen des Absenders. Nicht eingelesen, nichts geändert.")
EXPORT_NEEDS_HQ_KEY = ("Für den Export fehlt der Schlüssel der Zentrale: nur sie soll die Datei lesen können. "
                       "Die Zentrale schickt ihn als Datei (asskomm keys export); annehmen mit "
                       "asskomm keys trust DATEI oder in der App unter Schlüssel (Fingerabdruck am Telefon "
                       "vergleichen). Eine Exportdatei der Zentrale tut es auch.")
SEALED_NO_SENDER = "Die Datei nennt keinen lesbaren Absender; sie ist beschädigt. Nichts geändert."
SEALED_DAMAGED = "Die versiegelte Datei ist beschädigt (ihr Kopf ist unlesbar). Nichts geändert."
SEALED_TRUNCATED = "Die versiegelte Datei ist unvollständig oder verändert (Länge stimmt nicht). Nichts geändert."
SEALED_BAD_SIGNATURE = ("Die Unterschrift stimmt nicht: die Datei wurde nach dem Unterschreiben verändert oder ist "
                        "beschädigt. Nicht eingelesen, nichts geändert.")
SEALED_OTHER_READER = ("Die Datei ist nicht für dieses Gerät verschlüsselt (sie ist für einen anderen Empfänger, "
                       "oder dieses Gerät stand noch nicht im Register der Zentrale). Nichts geändert.")
SEALED_CANNOT_OPEN = "Die Datei lässt sich nicht entschlüsseln; sie ist beschädigt. Nichts geändert."
SEALED_NEEDS_KEYS = "Die Datei ist versiegelt (Format 2); zum Öffnen braucht es die Schlüssel eines Speichers."
SEALED_INNER_MISMATCH = ("Kopf und Inhalt der Datei passen nicht zusammen (Absender oder Kennung). Nicht "
                         "eingelesen, nichts geändert.")
PLAIN_BUNDLE_REFUSED = ("Die Datei ist unverschlüsselt und unsigniert (Format 1, ältere asskomm-Version). Solche "
                        "Dateien werden nur während der Umstellung eingelesen, wenn die Einstellung es erlaubt "
                        "(plain_bundles = true in der Einstellungsdatei, siehe asskomm config). Nichts geändert.")
PLAIN_BUNDLE_WARNING = ("Achtung: unverschlüsselte, unsignierte Datei (Format 1). Wer sie geschrieben hat, lässt "
                        "sich nicht prüfen.")


# -- erasure of a person (``erasure.py``, DSGVO Art. 15 and 17) ---------------------------------------
ERASURE_NAME_TOO_SHORT = "Bitte den Namen der Person eingeben (mindestens {n} Buchstaben)."
ERASURE_NAME_TOO_LONG = "Ein Name hat höchstens 8 Wörter."
ERASURE_SENDER_REFUSED = "Die Datei enthält eine Löschanordnung von einem Absender, der keine erteilen darf."
ERASURE_CHANGED = ("Die Datei enthält eine veränderte Fassung der Löschanordnung {id}; "
                   "Löschanordnungen sind unveränderlich.")
ERASURE_FAILED = "Die Löschanordnung ließ sich nicht anwenden ({detail})."
ERASURE_UNKNOWN = "Keine Löschanordnung {id} in diesem Speicher."
