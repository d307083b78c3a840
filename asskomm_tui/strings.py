"""Every German text the UI shows, in one place (a translation can be added beside it later).

Labels of stored codes (enums in ``storage.records``) live here too: the store keeps stable
English codes, the screen shows German.
"""

from __future__ import annotations

from storage.records import AgreementStatus, AnalysisStatus, CoachingStatus, KprStatus, VisitKind
from storage import messages as M
from storage.messages import Plural

APP_TITLE = "asskomm"

KPR_STATUS = {
    KprStatus.NONE: "keiner",
    KprStatus.PLANNED: "geplant",
    KprStatus.CONSTITUTED: "konstituiert",
    KprStatus.REACTIVATED: "reaktiviert",
    KprStatus.DORMANT: "ruhend",
}
AGREEMENT_STATUS = {
    AgreementStatus.NONE: "keine",
    AgreementStatus.IN_PREPARATION: "in Vorbereitung",
    AgreementStatus.SIGNED: "unterzeichnet",
}
COACHING_STATUS = {
    CoachingStatus.NONE: "kein Coaching",
    CoachingStatus.REQUESTED: "angefragt",
    CoachingStatus.RUNNING: "läuft",
    CoachingStatus.COMPLETED: "abgeschlossen",
}
ANALYSIS_STATUS = {
    AnalysisStatus.NONE: "keine",
    AnalysisStatus.PLANNED: "geplant",
    AnalysisStatus.RUNNING: "läuft",
    AnalysisStatus.COMPLETED: "abgeschlossen",
}
VISIT_KIND = {
    VisitKind.FIRST_CONSULTATION: "Erstberatung",
    VisitKind.FOLLOW_UP_CONSULTATION: "Folgeberatung",
    VisitKind.WORKSHOP: "Workshop",
    VisitKind.KPR_MEETING: "Sitzung KPR",
    VisitKind.CITIZEN_DIALOGUE: "Bürgerdialog",
    VisitKind.COUNCIL_MEETING: "Stadt-/Gemeinderat",
    VisitKind.COACHING: "Coaching",
    VisitKind.SECURITY_ANALYSIS: "Sicherheitsanalyse",
    VisitKind.PHONE_CALL: "Telefonat/Videokonferenz",
    VisitKind.OTHER: "Sonstiges",
}
SEVERITY = {1: "gering", 2: "mittel", 3: "hoch", 4: "sehr hoch"}
ROLE = {"consultant": "Beratung", "hq": "Zentrale"}
BACKUP_REASON = {
    "taeglich": "täglich",
    "vor-import": "vor Import",
    "vor-wiederherstellung": "vor Wiederherstellung",
    "vor-migration": "vor Aktualisierung",
    "vor-loeschen": "vor Löschen",
    "manuell": "von Hand",
}


def label(mapping: dict, code: str) -> str:
    """German label of a stored code; the code itself if unknown (newer data, older app)."""
    try:
        return mapping[code]
    except KeyError:
        return str(code)


# -- bindings (descriptions show in the footer, the help and the command palette) -------------
KEY_HELP = "Hilfe"
KEY_QUIT = "Beenden"
KEY_PALETTE = "Befehle"
KEY_OVERVIEW = "Übersicht"
KEY_COMMUNES = "Kommunen"
KEY_NEW_VISIT = "Neuer Besuch"
KEY_BACKUPS = "Sicherungen"
KEY_DRAFTS = "Entwürfe"
KEY_BACK = "Zurück"
KEY_OPEN = "Öffnen"
KEY_SEARCH = "Suchen"
KEY_MEMBERS = "Nur Mitglieder"
KEY_OPEN_TASKS = "Nur mit offenen Aufgaben"
KEY_CLEAR = "Filter leeren"
KEY_EDIT_STATUS = "Status bearbeiten"
# short forms for the footer (80 columns); the help shows the long ones above
FOOT_EDIT_STATUS = "Status"
FOOT_ADD_CONTACT = "Kontakt"
FOOT_MEMBERS = "Mitglieder"
FOOT_OPEN_TASKS = "Offene Aufgaben"
FOOT_CLEAR = "Leeren"
KEY_ADD_CONTACT = "Kontakt hinzufügen"
KEY_DELETE_CONTACT = "Kontakt löschen"
KEY_TOGGLE_DONE = "Erledigt an/aus"
KEY_SAVE = "Speichern"
KEY_CANCEL = "Abbrechen"
KEY_CLOSE = "Schließen"
KEY_DELETE_VISIT = "Besuch löschen"
KEY_ADD_ITEM = "Eintrag hinzufügen"
KEY_EDIT_ITEM = "Eintrag bearbeiten"
KEY_REMOVE_ITEM = "Eintrag entfernen"
KEY_BACKUP_NOW = "Jetzt sichern"
KEY_RESTORE = "Wiederherstellen"
KEY_DISCARD = "Verwerfen"
KEY_TAB = "Reiter {n}"
KEY_NEXT_TABLE = "Nächste Liste"
KEY_PREVIOUS_BUTTON = "Vorige Schaltfläche"
KEY_NEXT_BUTTON = "Nächste Schaltfläche"
KEY_UNDO = "Rückgängig"
# Textual's own key descriptions and tooltips (English in Textual 8.2.8) → German; applied to every
# Textual class by asskomm_tui/textual_de.py, so footer, help and command palette show German.
TEXTUAL_KEYS = {
    # App, Screen, command palette
    "Quit": "Beenden", "Quit the app and return to the command prompt.": "asskomm beenden",
    "palette": "Befehle", "Open the command palette": "Befehlsliste öffnen",
    "Focus Next": "Nächstes Feld", "Focus Previous": "Vorheriges Feld",
    "Copy selected text": "Markierten Text kopieren",
    "Exit the command palette": "Befehlsliste schließen", "Next command": "Nächster Befehl",
    "Previous command": "Voriger Befehl", "Next page": "Nächste Seite", "Previous page": "Vorige Seite",
    "Go to top": "Zum ersten Befehl", "Go to bottom": "Zum letzten Befehl",
    # scrolling, lists and tables
    "Scroll Up": "Nach oben rollen", "Scroll Down": "Nach unten rollen", "Scroll Left": "Nach links rollen",
    "Scroll Right": "Nach rechts rollen", "Scroll Home": "Zum Anfang", "Scroll End": "Zum Ende",
    "Page Up": "Seite nach oben", "Page Down": "Seite nach unten", "Page Left": "Seite nach links",
    "Page Right": "Seite nach rechts", "Page up": "Seite nach oben", "Page down": "Seite nach unten",
    "Up": "Nach oben", "Down": "Nach unten", "Cursor up": "Nach oben", "Cursor down": "Nach unten",
    "Cursor Up": "Nach oben", "Cursor Down": "Nach unten", "Cursor left": "Nach links",
    "Cursor right": "Nach rechts", "Top": "Zum Anfang", "Bottom": "Zum Ende", "Home": "Zum Zeilenanfang",
    "End": "Zum Zeilenende", "First": "Zum ersten Eintrag", "Last": "Zum letzten Eintrag",
    "Select": "Auswählen", "Toggle": "Umschalten", "Toggle option": "Eintrag an/aus",
    "Next option": "Nächste Option", "Previous option": "Vorige Option", "Show menu": "Auswahl öffnen",
    "Dismiss menu": "Auswahl schließen", "Next tab": "Nächster Reiter", "Previous tab": "Voriger Reiter",
    "Press button": "Schaltfläche drücken", "Toggle collapsible": "Auf-/zuklappen", "Open link": "Link öffnen",
    "Cursor to parent": "Zur übergeordneten Ebene", "Cursor to next ancestor": "Zur nächsthöheren Ebene",
    "Cursor to previous sibling": "Zum vorigen Eintrag der Ebene",
    "Cursor to next sibling": "Zum nächsten Eintrag der Ebene", "Expand or collapse all": "Alles auf-/zuklappen",
    # editing (Input, TextArea)
    "Move cursor left": "Nach links", "Move cursor left and select": "Nach links markieren",
    "Move cursor left a word": "Wort nach links", "Move cursor left a word and select": "Wort nach links markieren",
    "Move cursor right or accept the completion suggestion": "Nach rechts oder Vorschlag übernehmen",
    "Move cursor right and select": "Nach rechts markieren", "Move cursor right a word": "Wort nach rechts",
    "Move cursor right a word and select": "Wort nach rechts markieren",
    "Cursor word left": "Wort nach links", "Cursor word right": "Wort nach rechts",
    "Cursor line start": "Zum Zeilenanfang", "Cursor line end": "Zum Zeilenende",
    "Cursor page up": "Seite nach oben", "Cursor page down": "Seite nach unten",
    "Cursor left select": "Nach links markieren", "Cursor right select": "Nach rechts markieren",
    "Cursor up select": "Nach oben markieren", "Cursor down select": "Nach unten markieren",
    "Cursor left word select": "Wort nach links markieren", "Cursor right word select": "Wort nach rechts markieren",
    "Cursor line start select": "Bis Zeilenanfang markieren", "Cursor line end select": "Bis Zeilenende markieren",
    "Select line start": "Bis Zeilenanfang markieren", "Select line end": "Bis Zeilenende markieren",
    "Go to start": "Zum Anfang", "Go to end": "Zum Ende", "Select all": "Alles markieren",
    "Select line": "Zeile markieren", "Submit": "Bestätigen",
    "Delete character left": "Zeichen links löschen", "Delete character right": "Zeichen rechts löschen",
    "Delete left to start of word": "Wort links löschen", "Delete right to start of word": "Wort rechts löschen",
    "Delete all to the left": "Alles links löschen", "Delete all to the right": "Alles rechts löschen",
    "Delete to line start": "Bis Zeilenanfang löschen", "Delete to line end": "Bis Zeilenende löschen",
    "Delete line": "Zeile löschen", "Cut selected text": "Markierten Text ausschneiden",
    "Paste text from the clipboard": "Aus der Zwischenablage einfügen",
    "Cut": "Ausschneiden", "Copy": "Kopieren", "Paste": "Einfügen", "Undo": "Rückgängig", "Redo": "Wiederholen",
}
# Textual's other texts (asskomm_tui/textual_de.py)
PALETTE_NO_MATCHES = "Keine Treffer"
THEME_PLACEHOLDER = "Farbschema suchen …"
HEADER_PALETTE_TOOLTIP = "Befehlsliste öffnen (Strg+P)"

# -- command palette ----------------------------------------------------------------------------
CMD_OVERVIEW = ("Übersicht", "Meine letzten Besuche, fällige Folgeaufgaben, Speicher")
CMD_COMMUNES = ("Kommunen", "Alle 418 Kommunen durchsuchen und filtern")
CMD_NEW_VISIT = ("Neuer Besuch", "Einen Besuch in einer Kommune erfassen")
CMD_BACKUPS = ("Sicherungen", "Sicherungen anzeigen, anlegen und wiederherstellen")
CMD_DRAFTS = ("Entwürfe", "Nicht gespeicherte Formulare wiederherstellen")
CMD_HELP = ("Hilfe", "Alle Tastenkürzel anzeigen")
CMD_THEME = ("Farbschema", "Das Farbschema der Oberfläche wechseln")
CMD_QUIT = ("Beenden", "asskomm beenden")
PALETTE_PLACEHOLDER = "Befehl suchen …"

# -- overview -----------------------------------------------------------------------------------
OVERVIEW_TITLE = "Übersicht"
OVERVIEW_GREETING = "Guten Tag, {name}."
OVERVIEW_RECENT = "Meine letzten Besuche"
OVERVIEW_DUE = "Meine fälligen und überfälligen Folgeaufgaben (nächste 14 Tage)"
OVERVIEW_NO_RECENT = "Noch keine eigenen Besuche. Mit Strg+N einen Besuch erfassen."
OVERVIEW_NO_DUE = "Keine fälligen Folgeaufgaben."
# the overview's facts line, its parts joined by " · "
FACTS = (Plural("{n} Kommune", "{n} Kommunen"), Plural("{n} ASSKomm-Mitglied", "{n} ASSKomm-Mitglieder"),
         Plural("{n} Besuch", "{n} Besuche"), Plural("{n} offene Folgeaufgabe", "{n} offene Folgeaufgaben"),
         Plural("{n} beratende Person", "{n} Beratende"))
FACTS_STORE = "Speicher: {path} ({size}) · Letzte Sicherung: {backup}"
NO_BACKUP_YET = "noch keine"
OVERDUE = "überfällig"

# -- communes -----------------------------------------------------------------------------------
COMMUNES_TITLE = "Kommunen"
SEARCH_PLACEHOLDER = "Kommune, Kreis oder AGS suchen … (z. B. gorl, schirgis, 14628)"
FILTER_MEMBERS = "Mitglieder (F5)"
FILTER_OPEN = "offene Aufgaben (F6)"
COMMUNES_COUNT = "{shown} von {total} Kommunen"
COL_NAME = "Kommune"
COL_KREIS = "Kreis"
COL_POPULATION = "Einwohner"
COL_ASSKOMM = "ASSKomm"
COL_KPR = "KPR"
COL_LAST_VISIT = "Zuletzt"
COL_OPEN = "Offen"
MODEL_COMMUNE = "Modell"
MEMBER_SINCE = "ab {year}"

# -- dossier ------------------------------------------------------------------------------------
TAB_VISITS = "Besuche"
TAB_FIELDS = "Problemfelder"
TAB_TASKS = "Folgeaufgaben"
TAB_STATUS = "Status & Kontakte"
COL_DATE = "Datum"
COL_KIND = "Art"
COL_CONSULTANTS = "Beratung"
COL_SUMMARY = "Zusammenfassung"
COL_FINDINGS = "Festst."
COL_FIELD = "Problemfeld"
COL_COUNT = "Anzahl"
COL_LAST_SEEN = "Zuletzt"
COL_SEVERITY = "Höchste Schwere"
COL_DUE = "Fällig"
COL_TASK = "Aufgabe"
COL_OWNER = "Verantwortlich"
COL_VISIT_DATE = "Besuch vom"
COL_COMMUNE = "Kommune"
COL_CONTACT_NAME = "Name"
COL_CONTACT_ROLE = "Funktion"
COL_CONTACT_PHONE = "Telefon"
COL_CONTACT_EMAIL = "E-Mail"
DOSSIER_HEAD = "{name} · {kreis} · AGS {ags} · {population} Einwohner"
NOT_MEMBER = "kein ASSKomm-Mitglied"
STATUS_MEMBER = "ASSKomm-Mitglied seit {date}"
STATUS_KPR = "KPR: {status}"
STATUS_AGREEMENT = "Kooperationsvereinbarung: {status}"
STATUS_COACHING = "Coaching: {status}"
STATUS_ANALYSIS = "Sicherheitsanalyse: {status}"
STATUS_NOTES = "Notizen"
NO_CONTACTS = "Noch keine Kontakte. Mit K einen Kontakt hinzufügen."
NO_VISITS = "Noch keine Besuche. Mit N einen Besuch erfassen."
NO_FIELDS = "In den Besuchen wurden noch keine Problemfelder festgestellt."
NO_TASKS = "Keine offenen Folgeaufgaben."
CONFIRM_DELETE_CONTACT = "Kontakt „{name}“ löschen?"
SAVED_STATUS = "Status von {name} gespeichert."
SAVED_CONTACT = "Kontakt gespeichert."
DELETED_CONTACT = "Kontakt gelöscht."
TASK_DONE = "Folgeaufgabe erledigt."
TASK_DONE_UNDO = "Erledigt: „{task}“ – {key} macht es rückgängig."
UNDO_TASK_DONE = "„{task}“ ist wieder offen"
UNDONE = "Rückgängig gemacht: {what}."
NOTHING_TO_UNDO = "Nichts rückgängig zu machen."
TASK_REOPENED = "Folgeaufgabe wieder offen."

# -- visit form ---------------------------------------------------------------------------------
VISIT_NEW_TITLE = "Neuer Besuch in {name} ({kreis})"
VISIT_EDIT_TITLE = "Besuch in {name} ({kreis})"
FIELD_DATE = "Datum (TT.MM.JJJJ)"
FIELD_KIND = "Art des Besuchs"
FIELD_CONSULTANTS = "Beraterinnen und Berater (Leertaste wählt)"
FIELD_PARTICIPANTS = "Teilnehmende (eine Zeile je Person oder Stelle)"
FIELD_SUMMARY = "Zusammenfassung"
FIELD_NOTES = "Notizen"
FIELD_FINDINGS = "Feststellungen (A hinzufügen · Enter bearbeiten · Entf entfernen)"
FIELD_FOLLOW_UPS = "Folgeaufgaben (A neu · Enter bearbeiten · Leertaste erledigt · Entf löschen)"
COL_PLACE = "Ort"
COL_EVIDENCE = "Beleg/Quelle"
COL_DONE = "Erledigt"
YES = "ja"
NO = "nein"
SELECT_PROMPT = "Bitte wählen"
VISIT_SAVED = "Besuch gespeichert."
VISIT_DELETED = "Besuch gelöscht."
CONFIRM_DELETE_VISIT = "Den Besuch vom {date} in {name} wirklich löschen?"
CONFIRM_DELETE_VISIT_HINT = ("Er verschwindet aus allen Listen; als Löschung bleibt er im Verlauf erhalten "
                             "und wird so auch an die Zentrale übertragen.")
UNSAVED_TITLE = "Ungespeicherte Änderungen"
UNSAVED_TEXT = "Dieser Besuch hat Änderungen, die noch nicht gespeichert sind."
UNSAVED_SAVE = "Speichern"
UNSAVED_DISCARD = "Verwerfen"
UNSAVED_CONTINUE = "Weiter bearbeiten"
UNSAVED_SAVE_QUIT = "Speichern und beenden"
UNSAVED_DISCARD_QUIT = "Verwerfen und beenden"
QUIT_UNSAVED = "Vor dem Beenden: {what} hat Änderungen, die noch nicht gespeichert sind."
QUIT_UNSAVED_MANY = "Vor dem Beenden: {what} haben Änderungen, die noch nicht gespeichert sind."
QUIT_NOT_SAVED = "Nicht beendet: bitte erst die Angaben prüfen oder „Verwerfen und beenden“ wählen."
UNSAVED_WHAT_VISIT = "der Besuch in {name}"
UNSAVED_WHAT_STRATEGY = "die Strategie {name} {period}"
UNSAVED_WHAT_DIALOG = "der Dialog „{title}“"
ERR_DATE = "Bitte ein gültiges Datum eingeben, z. B. 14.03.2026."
ERR_DATE_RANGE = "Das Datum muss zwischen {min} und {max} liegen."
ERR_CONSULTANTS = "Bitte mindestens eine Beraterin oder einen Berater auswählen."
ERR_KIND = "Bitte die Art des Besuchs wählen."
ERR_FORM = "Bitte die markierten Angaben prüfen."
ERR_SEE_FIELD = "Bitte „{field}“ prüfen."
ERR_EMPTY_VISIT = ("Der Besuch ist noch leer: bitte eine Zusammenfassung schreiben oder eine Feststellung "
                   "oder Folgeaufgabe hinzufügen.")
ERR_TOO_LONG = "„{field}“ ist zu lang (höchstens {max} Zeichen)."

# -- item dialogs -------------------------------------------------------------------------------
FINDING_TITLE = "Feststellung"
FINDING_FIELD = "Problemfeld"
FINDING_SEVERITY = "Schwere"
FINDING_PLACE = "Ort"
FINDING_EVIDENCE = "Beleg oder Quelle"
FINDING_NOTE = "Notiz"
ERR_FINDING_FIELD = "Bitte ein Problemfeld wählen."
FOLLOW_UP_TITLE = "Folgeaufgabe"
FOLLOW_UP_TEXT = "Aufgabe"
FOLLOW_UP_OWNER = "Verantwortlich"
FOLLOW_UP_DUE = "Fällig am (TT.MM.JJJJ, leer = ohne Termin)"
FOLLOW_UP_DONE = "erledigt"
ERR_FOLLOW_UP_TEXT = "Bitte die Aufgabe beschreiben."
CONTACT_TITLE = "Kontakt"
CONTACT_NAME = "Name"
CONTACT_ROLE = "Funktion"
CONTACT_PHONE = "Telefon"
CONTACT_EMAIL = "E-Mail"
ERR_CONTACT_NAME = "Bitte einen Namen eingeben."
ERR_EMAIL = "Bitte eine gültige E-Mail-Adresse eingeben (oder das Feld leer lassen)."
STATUS_TITLE = "Status von {name}"
STATUS_MEMBER_SINCE = "ASSKomm-Mitglied seit (TT.MM.JJJJ, leer = kein Mitglied)"
STATUS_MODEL = "Modellkommune"
STATUS_KPR_FIELD = "Kommunaler Präventionsrat (KPR)"
STATUS_KPR_DATE = "KPR-Status seit (TT.MM.JJJJ)"
STATUS_AGREEMENT_FIELD = "Kooperationsvereinbarung"
STATUS_AGREEMENT_DATE = "Datum der Vereinbarung (TT.MM.JJJJ)"
STATUS_COACHING_FIELD = "Coaching"
STATUS_COACHING_NOTE = "Coaching: Notiz (z. B. Coach)"
STATUS_ANALYSIS_FIELD = "Sicherheitsanalyse"
STATUS_ANALYSIS_DATE = "Sicherheitsanalyse: Datum (TT.MM.JJJJ)"
OK = "OK"
CANCEL = "Abbrechen"

# -- pickers and dialogs ------------------------------------------------------------------------
PICK_COMMUNE_TITLE = "Für welche Kommune?"
PICK_COMMUNE_HINT = "Tippen zum Suchen, ↑/↓ wählen, Enter bestätigen, Esc abbrechen"
CONFIRM_YES = "Ja"
CONFIRM_NO = "Nein"
FIRST_START_TITLE = "Willkommen bei asskomm"
FIRST_START_TEXT = ("Dieses Gerät ist noch niemandem zugeordnet. Wer arbeitet hier? "
                    "Name und Kürzel stehen später an jedem Besuch und jeder Änderung.")
FIRST_START_NAME = "Name"
FIRST_START_INITIALS = "Kürzel (1–4 Buchstaben)"
FIRST_START_EMAIL = "E-Mail (optional)"
FIRST_START_ROLE = "Rolle dieses Geräts"
FIRST_START_OK = "Los geht's"
ERR_NAME = "Bitte den Namen eingeben."
ERR_INITIALS = "Das Kürzel besteht aus 1 bis 4 Buchstaben."
WELCOME = "Willkommen, {name}!"
BACKUPS_TITLE = "Sicherungen"
BACKUPS_HINT = "Enter stellt die gewählte Sicherung wieder her · S sichert jetzt · Esc schließt"
COL_BACKUP_DATE = "Angelegt"
COL_BACKUP_REASON = "Anlass"
COL_BACKUP_SIZE = "Größe"
NO_BACKUPS = "Noch keine Sicherungen."
BACKUP_DONE = "Sicherung angelegt: {name}"
CONFIRM_RESTORE = "Den Speicher auf den Stand vom {date} zurücksetzen?"
CONFIRM_RESTORE_HINT = "Der jetzige Stand wird vorher gesichert und kann so zurückgeholt werden."
RESTORED = "Stand vom {date} wiederhergestellt."
DRAFTS_TITLE = "Nicht gespeicherte Entwürfe"
COL_DRAFT = "Entwurf"
COL_DRAFT_SAVED = "Zuletzt gesichert"
DRAFTS_TEXT = ("Diese Formulare wurden nicht gespeichert (z. B. Absturz oder leerer Akku). "
               "Enter öffnet den Entwurf, Entf verwirft ihn (nach Rückfrage), Esc entscheidet später.")
DRAFT_ROW = "{title} · zuletzt {when}"
CONFIRM_DISCARD_DRAFT = "Den Entwurf „{title}“ verwerfen?"
CONFIRM_DISCARD_DRAFT_HINT = "Was darin getippt wurde, ist dann endgültig verloren."
DRAFT_VISIT_NEW = "Neuer Besuch in {name}"
DRAFT_VISIT_EDIT = "Besuch vom {date} in {name}"
DRAFT_RESTORED = "Entwurf wiederhergestellt – bitte prüfen und speichern."
DRAFT_STALE = ("Der Besuch wurde seit dem Entwurf geändert oder gelöscht; der Entwurf wird als neuer "
               "Stand geöffnet. Beim Speichern bitte prüfen.")
DRAFT_SAVE_FAILED = ("Der Entwurf konnte nicht automatisch gesichert werden. {reason} Das Formular bleibt "
                     "mit allem Eingegebenen offen; asskomm versucht es alle paar Sekunden erneut.")
DRAFT_SAVED_AGAIN = "Der Entwurf wird wieder automatisch gesichert."
HELP_TITLE = "Hilfe: Tastenkürzel"
HELP_KEY = "Taste"
HELP_INTRO = ("asskomm arbeitet ohne Netz. Alles ist mit der Tastatur erreichbar; {palette} öffnet die "
              "Befehlsliste. Esc führt zurück.")
HELP_GLOBAL = "Überall"
HELP_SCREEN = "Auf dieser Ansicht"
HELP_OUTSIDE_FORMS = "Außerhalb von Formularen und Dialogen (erst mit Esc schließen)"

# -- errors ---------------------------------------------------------------------------------------
ERR_UNEXPECTED = "Unerwarteter Fehler: {error}"
ERR_VALIDATION = "Ungültige Angaben: {detail}"
ERR_STORE_TITLE = "Der Speicher kann nicht geöffnet werden"
ERR_STORE_RESTORE_HINT = "Enter stellt die gewählte Sicherung wieder her, Strg+Q beendet."
ERR_STORE_QUIT_HINT = "Strg+Q beendet asskomm."
QUIT_HINT = "Zum Beenden Strg+Q drücken."
LOADING = "Lade Speicher …"

# -- sync -------------------------------------------------------------------------------------------
KEY_SYNC = "Sync"
KEY_CONFLICTS = "Konflikte"
KEY_EXPORT = "Exportieren"
KEY_IMPORT = "Importieren"
KEY_ROLE = "Rolle wechseln"
KEY_APPLY = "Übernehmen"
KEY_MARK = "Datei wählen"
KEY_TAKE_VERSION = "Version {n} ganz übernehmen"
KEY_CHOOSE_VALUE = "Diesen Wert wählen"
CMD_SYNC = ("Sync", "Exportieren, Importieren, Stand der Zentrale")
CMD_CONFLICTS = ("Konflikte", "Widersprüchliche Versionen ansehen und zusammenführen")
CMD_ROLE = ("Rolle wechseln", "Dieses Gerät als Beratung oder Zentrale führen")
SYNC_TITLE = "Sync"
SYNC_ROLE = "Rolle dieses Geräts: {role}"
SYNC_PENDING = Plural("{n} Änderung noch nicht von der Zentrale bestätigt (bestätigt bis Nr. {ack}, zuletzt Nr. {seq}).",
                      "{n} Änderungen noch nicht von der Zentrale bestätigt (bestätigt bis Nr. {ack}, zuletzt Nr. {seq}).")
SYNC_PENDING_NONE = "Alle Änderungen dieses Geräts sind von der Zentrale bestätigt (bis Nr. {ack})."
SYNC_HQ_INFO = "Die Zentrale exportiert immer alles, mit den Bestätigungen für jedes Gerät."
SYNC_LAST_EXPORT = "Letzter Export: {when} · {file} ({records}, {scope})"
SYNC_NO_EXPORT = "Noch kein Export."
SYNC_LAST_HQ = "Letzte Datei der Zentrale: erstellt {created}, eingelesen {when} · {file}"
SYNC_NO_HQ = "Noch keine Datei der Zentrale eingelesen."
SYNC_CONFLICTS = Plural("{n} Datensatz mit widersprüchlichen Versionen – F7 öffnet die Konflikte.",
                        "{n} Datensätze mit widersprüchlichen Versionen – F7 öffnet die Konflikte.")
SYNC_FOLDER = "Zielordner für den Export"
SYNC_FULL = "alles exportieren (nicht nur Neues)"
SYNC_GZ = "komprimiert (.json.gz)"
SYNC_EXPORTED = "Exportiert: {file} ({records})."
SYNC_NOTHING_TO_EXPORT = ("Nichts Neues zu exportieren: die Zentrale hat schon alles, was auf diesem Gerät "
                          "geändert wurde. Es wurde keine Datei geschrieben; „alles exportieren“ schreibt "
                          "trotzdem alles.")
SYNC_DEVICES = "Geräte (Zentrale): zuletzt empfangene Dateien"
COL_DEVICE_CONSULTANT = "Beratung"
COL_DEVICE_LAST = "Letzte Datei"
COL_DEVICE_SEQ = "Stand"
COL_DEVICE_ACK = "bestätigt"
COL_DEVICE_DAYS = "Tage"
SILENT = "⚠ {days} Tage still"
SCOPE_FULL = "vollständig"
SCOPE_INCREMENTAL = "inkrementell"
EXPORTING = "Exportiere … {done} von {total}"
IMPORT_PICK_TITLE = "Dateien zum Einlesen wählen"
IMPORT_PICK_HINT = ("Pfad eintippen oder im Baum wählen: Enter markiert eine Datei, Strg+S liest die "
                    "markierten Dateien ein, Esc bricht ab.")
IMPORT_PATH = "Datei oder Ordner"
IMPORT_CHOSEN = "Gewählt: {files}"
IMPORT_NONE_CHOSEN = "Noch keine Datei gewählt."
IMPORT_READ = "Einlesen"
IMPORT_CHECKING = "Prüfe {file} …"
PREVIEW_TITLE = "Vorschau: was sich ändert"
PREVIEW_HINT = "Noch ist nichts geändert. Vor dem Übernehmen wird der Speicher gesichert."
COL_FILE = "Datei"
COL_KIND_OF = "Art"
COL_NEW = "neu"
COL_UPDATED_COUNT = "aktual."
COL_DELETED_COUNT = "gelöscht"
COL_UNCHANGED = "unveränd."
COL_STALE = "veraltet"
COL_CONFLICT = "Konflikte"
PREVIEW_REJECTED = "ABGELEHNT"
PREVIEW_ALREADY = "bereits eingelesen"
PREVIEW_NOTHING = "Keine der Dateien kann übernommen werden."
IMPORT_DONE = "Import abgeschlossen."
ROLE_CONFIRM = "Die Rolle dieses Geräts von „{old}“ auf „{new}“ ändern?"
ROLE_CONFIRM_HINT = ("Die Zentrale exportiert immer alles und bestätigt den Geräten ihre Änderungen. "
                     "Nur ändern, wenn dieses Gerät wirklich die Rolle wechselt.")
ROLE_CHANGED = "Rolle geändert: {role}"

# -- conflicts ------------------------------------------------------------------------------------
CONFLICTS_TITLE = "Konflikte"
CONFLICTS_HINT = ("Diese Datensätze wurden an zwei Stellen unabhängig geändert. Enter öffnet die Versionen "
                  "nebeneinander zum Zusammenführen.")
CONFLICTS_NONE = "Keine Konflikte."
COL_RECORD = "Datensatz"
COL_VERSIONS = "Versionen"
COL_CHANGED_BY = "Geändert von"
RESOLVE_TITLE = "Konflikt lösen: {label}"
RESOLVE_HINT = ("←/→ und ↑/↓ wählen einen Wert, Enter übernimmt ihn für das Feld; 1–{n} übernimmt eine "
                "Version ganz; Strg+S speichert die Zusammenführung.")
RESOLVE_HINT_READ_ONLY = ("Die Versionen nebeneinander. Lösen lässt sich der Konflikt nur im Fenster, das den "
                          "Speicher bearbeitet (dieses ist nur zum Lesen).")
RESOLVE_VERSION = "V{n} · {who} · {when}"
RESOLVE_CURRENT = " (angezeigt)"
RESOLVE_DELETED = "GELÖSCHT"
RESOLVE_FIELD = "Feld"
RESOLVE_UNION = "beide zusammen"
RESOLVE_SAVED = "Konflikt gelöst; die Zusammenführung wird mit dem nächsten Export verteilt."
RESOLVE_CONFIRM_DELETE = "Die gewählte Version ist eine Löschung. Den Datensatz endgültig als gelöscht führen?"
CONFLICT_MARK = "⚠ "
CONFLICT_NOTICE = "⚠ Widersprüchliche Versionen – F7 öffnet die Konflikte zum Zusammenführen."
KIND_LABEL = M.KIND_NAME
FIELD_LABEL = {
    "date": "Datum", "kind": "Art", "consultants": "Beratung", "participants": "Teilnehmende",
    "summary": "Zusammenfassung", "notes": "Notizen", "findings": "Feststellungen", "follow_ups": "Folgeaufgaben",
    "commune": "Kommune", "name": "Name", "kreis": "Kreis", "population": "Einwohner", "ags": "AGS",
    "member_since": "Mitglied seit", "model_commune": "Modellkommune", "kpr_status": "KPR",
    "kpr_date": "KPR seit", "cooperation_agreement": "Kooperationsvereinbarung",
    "cooperation_agreement_date": "Vereinbarung vom", "coaching": "Coaching", "coaching_note": "Coaching-Notiz",
    "security_analysis": "Sicherheitsanalyse", "security_analysis_date": "Sicherheitsanalyse vom",
    "contacts": "Kontakte", "initials": "Kürzel", "email": "E-Mail", "code": "Code",
    "description": "Beschreibung", "active": "aktiv",
    "period_start": "Zeitraum von", "period_end": "Zeitraum bis", "title": "Titel", "status": "Status",
    "agreed_on": "abgestimmt am", "agreed_with": "abgestimmt mit", "problem_description": "Problembeschreibung",
    "cause_analysis": "Ursachenanalyse", "goals": "Ziele", "measures": "Maßnahmen",
    "implementation_notes": "Umsetzung", "evaluation": "Evaluation", "evaluation_items": "Evaluationsindikatoren",
}

# -- strategy (screen) ------------------------------------------------------------------------------
KEY_STRATEGIES = "Strategien"
KEY_NEW_STRATEGY = "Neue Strategie"
KEY_EXPORT_DOCUMENT = "Dokument exportieren"
KEY_NEXT_TAB = "Nächster Reiter"
KEY_PREV_TAB = "Voriger Reiter"
KEY_TOGGLE_FINDING = "Feststellung übernehmen/entfernen"
STRATEGY_STATUS = {"draft": "Entwurf", "agreed": "abgestimmt", "in_progress": "in Umsetzung",
                   "evaluated": "evaluiert"}
FUNDING = {"rl_kommpraev": "RL KommPräv", "municipal_budget": "kommunaler Haushalt", "third_party": "Dritte",
           "other_public": "andere öffentliche Mittel", "none": "ohne Finanzierung"}
MEASURE_STATE = {"planned": "geplant", "applied": "beantragt", "approved": "bewilligt", "running": "läuft",
                 "done": "abgeschlossen", "dropped": "verworfen"}
STRATEGIES_TITLE = "Strategien von {name}"
STRATEGIES_HINT = "Enter öffnet die Strategie, N legt eine neue an (eine je Zeitraum), Esc schließt."
STRATEGIES_NONE = "Noch keine Strategie. Mit N eine anlegen."
COL_PERIOD = "Zeitraum"
COL_TITLE = "Titel"
COL_STATUS = "Status"
COL_MEASURES = "Maßnahmen"
COL_UPDATED = "Geändert"
NEW_STRATEGY_TITLE = "Neue Präventionsstrategie"
NEW_STRATEGY_START = "Zeitraum von (Jahr)"
NEW_STRATEGY_END = "bis (Jahr)"
NEW_STRATEGY_NAME = "Titel (optional)"
NEW_STRATEGY_HINT = ("Die Problembeschreibung wird mit den Feststellungen der Besuche seit zwei Jahren vor "
                     "Beginn vorbelegt; nicht Passendes lässt sich danach abwählen.")
ERR_YEAR = "Bitte ein Jahr zwischen 2000 und 2100 eingeben."
ERR_PERIOD = "Der Zeitraum darf nicht vor seinem Beginn enden."
ERR_PERIOD_EXISTS = "Für {period} gibt es schon eine Strategie – bitte diese öffnen und dort weiterarbeiten."
ERR_PERIOD_OVERLAP = ("Der Zeitraum überschneidet sich mit der Strategie {period}; Strategien einer Kommune "
                      "dürfen sich nicht überschneiden.")
STRATEGY_TITLE = "Strategie {name} ({kreis}) {period}"
TAB_PROBLEM = "1 Problem"
TAB_CAUSES = "2 Ursachen"
TAB_GOALS = "3 Ziele"
TAB_MEASURES = "4 Maßnahmen"
TAB_TIMELINE = "5 Zeitplan"
TAB_EVALUATION = "6 Evaluation"
TAB_STRATEGY_STATUS = "Status"
TAB_CHECK = "Beccaria-Check"
TAB_HISTORY = "Verlauf"
FIELD_PROBLEM = "Problembeschreibung"
FIELD_FINDINGS_PICK = "Feststellungen aus den Besuchen (Leertaste: übernehmen ✓ / entfernen)"
FIELD_CAUSES = "Ursachenanalyse (Entstehungsbedingungen)"
FIELD_GOALS = "Ziele und Zielgruppen (A hinzufügen · Enter bearbeiten · Entf entfernen)"
FIELD_MEASURES = "Maßnahmen (A hinzufügen · Enter bearbeiten · Entf entfernen)"
FIELD_TIMELINE = "Zeitplan (aus den Maßnahmen)"
FIELD_IMPLEMENTATION = "Umsetzung: Hinweise"
FIELD_EVALUATION = "Evaluation: Vorgehen"
FIELD_EVALUATION_ITEMS = "Indikatoren, Methode, Zeitpunkt (A neu · Enter bearbeiten · Entf entfernen)"
FIELD_TITLE = "Titel"
FIELD_STATUS = "Status"
FIELD_AGREED_ON = "abgestimmt am (TT.MM.JJJJ)"
FIELD_AGREED_WITH = "abgestimmt mit (z. B. Stadtrat, KPR)"
COL_INCLUDED = "✓"
COL_GOAL = "Ziel"
COL_TARGET_GROUP = "Zielgruppe"
COL_INDICATOR = "Indikator"
COL_TARGET_VALUE = "Zielwert"
COL_MEASURE = "Maßnahme"
COL_COST = "Kosten"
COL_FUNDING = "Finanzierung"
COL_STATE = "Stand"
COL_METHOD = "Methode"
COL_WHEN = "Zeitpunkt"
COL_HINT = "Hinweis"
COL_CHANGED = "Geänderte Teile"
GOAL_TITLE = "Ziel"
GOAL_NAME = "Ziel"
GOAL_GROUP = "Zielgruppe"
GOAL_INDICATOR = "Indikator"
GOAL_TARGET = "Zielwert"
ERR_GOAL = "Bitte das Ziel beschreiben."
MEASURE_TITLE = "Maßnahme"
MEASURE_NAME = "Titel"
MEASURE_FIELDS = "Problemfelder, die sie aufgreift (Leertaste wählt)"
MEASURE_GOALS = "Ziele, denen sie dient (Leertaste wählt)"
MEASURE_DESCRIPTION = "Beschreibung"
MEASURE_LEAD = "Federführung"
MEASURE_PARTNERS = "Partner"
MEASURE_START = "Beginn (TT.MM.JJJJ)"
MEASURE_END = "Ende (TT.MM.JJJJ)"
MEASURE_COST = "Kosten (EUR, z. B. 12.500,00)"
MEASURE_FUNDING = "Finanzierung"
MEASURE_OWN_SHARE = "Eigenanteil (EUR)"
MEASURE_STATE_FIELD = "Stand"
ERR_MEASURE = "Bitte der Maßnahme einen Titel geben."
ERR_EUR = "Bitte einen Betrag in Euro eingeben, z. B. 12.500,00."
EVAL_TITLE = "Evaluation"
EVAL_INDICATOR = "Indikator"
EVAL_METHOD = "Methode"
EVAL_DUE = "Zeitpunkt (TT.MM.JJJJ)"
ERR_EVAL = "Bitte den Indikator nennen."
CHECK_SUMMARY = Plural("Beccaria-Check: {n} Hinweis · Kosten {cost} · Förderung {grant}",
                       "Beccaria-Check: {n} Hinweise · Kosten {cost} · Förderung {grant}")
CHECK_OK = "Keine Hinweise – die Strategie ist in sich stimmig."
COL_FINANCE = "Finanzierung je Maßnahme (Förderung bis 90 %, Eigenanteil mind. 10 %)"
CHECK_DROPPED = "zählt nicht mit"
CHECK_NO_MEASURES = "Noch keine Maßnahmen – hier erscheinen ihre Kosten und die Förderung."
STRATEGY_SAVED = "Strategie gespeichert."
STRATEGY_CREATED = "Strategie {period} angelegt."
EXPORT_DOC_TITLE = "Strategie als Dokument exportieren"
EXPORT_DOC_FORMAT = "Format"
EXPORT_DOC_FOLDER = "Zielordner"
EXPORT_DOC_DONE = "Dokument geschrieben: {path}"
FORMAT_MD = "Markdown (.md)"
FORMAT_HTML = "HTML-Seite zum Drucken (.html)"
UNSAVED_STRATEGY = "Diese Strategie hat Änderungen, die noch nicht gespeichert sind."
HISTORY_CHANGED_UNKNOWN = "(frühere Fassung nicht auf diesem Gerät)"
HISTORY_CREATED = "angelegt"
HISTORY_DELETED = "gelöscht"
STRATEGY_FIELD = {
    "title": "Titel", "status": "Status", "agreed_on": "abgestimmt am", "agreed_with": "abgestimmt mit",
    "problem_description": "Problembeschreibung", "findings": "Feststellungen", "cause_analysis": "Ursachenanalyse",
    "goals": "Ziele", "measures": "Maßnahmen", "implementation_notes": "Umsetzung", "evaluation": "Evaluation",
    "evaluation_items": "Evaluationsindikatoren", "deleted": "gelöscht",
}
DRAFT_STRATEGY = "Strategie {name} {period}"

# -- strategy: Beccaria check, document export, CLI (services/beccaria.py, services/documents.py) ------
BEC_MEASURE_NO_FIELD = "Maßnahme „{measure}“ greift kein Problemfeld auf."
BEC_MEASURE_NO_GOAL = "Maßnahme „{measure}“ dient keinem Ziel."
BEC_GOAL_NO_INDICATOR = "Ziel „{goal}“ hat keinen Indikator; die Zielerreichung lässt sich so nicht prüfen."
BEC_GOAL_UNSERVED = "Ziel „{goal}“ wird von keiner Maßnahme verfolgt."
BEC_RL_OWN_SHARE_LOW = ("Maßnahme „{measure}“ (RL KommPräv): Der Eigenanteil von {own} liegt unter 10 % der "
                        "Kosten von {cost}; nötig sind mindestens {minimum}. Es fehlen {gap}: Die Förderung "
                        "ist auf 90 % ({cap}) gekappt, die Kommune trägt die {gap} zusätzlich.")
BEC_RL_NO_COST = "Maßnahme „{measure}“ soll über die RL KommPräv gefördert werden, hat aber keine Kostenschätzung."
BEC_OWN_SHARE_OVER_COST = "Maßnahme „{measure}“: Der Eigenanteil von {own} ist höher als die Kosten von {cost}."
BEC_FIELD_NOT_ADDRESSED = ("Problemfeld „{field}“ wurde bei Besuchen festgestellt (zuletzt am {seen}), "
                           "aber keine Maßnahme greift es auf.")
BEC_MEASURE_START_OUTSIDE = "Maßnahme „{measure}“ beginnt am {day}, außerhalb des Zeitraums {period}."
BEC_MEASURE_END_OUTSIDE = "Maßnahme „{measure}“ endet am {day}, außerhalb des Zeitraums {period}."
BEC_MEASURE_END_BEFORE_START = "Maßnahme „{measure}“ endet am {end}, also vor ihrem Beginn am {start}."
BEC_EVALUATION_OUTSIDE = "Evaluation „{indicator}“ ist für den {day} geplant, außerhalb des Zeitraums {period}."
BEC_AGREED_WITHOUT_DATE = "Die Strategie steht auf „{status}“, aber das Datum der Abstimmung fehlt."
DOC_HEADING = "Präventionsstrategie {name} {period}"
DOC_COMMUNE = "Kommune"
DOC_PERIOD = "Zeitraum"
DOC_TITLE = "Titel"
DOC_STATUS_LABEL = "Status"
DOC_AGREED = "abgestimmt am {day}"
DOC_AGREED_WITH = "mit {who}"
DOC_AGREED_PLAIN = "abgestimmt"
DOC_AGREED_NO_DATE = "Datum der Abstimmung fehlt"
DOC_DATE = "Stand"
DOC_AUTHOR = "Bearbeitung"
DOC_EMPTY = "noch nicht ausgefüllt"
DOC_NONE = "—"
DOC_OPEN = "offen"
DOC_SECTION_PROBLEM = "1 Problembeschreibung"
DOC_SECTION_CAUSES = "2 Ursachenanalyse"
DOC_SECTION_GOALS = "3 Ziele und Zielgruppen"
DOC_SECTION_MEASURES = "4 Maßnahmen"
DOC_SECTION_TIMELINE = "5 Umsetzung und Zeitplan"
DOC_SECTION_EVALUATION = "6 Evaluation"
BEC_SECTION = {0: "Status", 1: DOC_SECTION_PROBLEM, 2: DOC_SECTION_CAUSES, 3: DOC_SECTION_GOALS,
               4: DOC_SECTION_MEASURES, 5: DOC_SECTION_TIMELINE, 6: DOC_SECTION_EVALUATION}
DOC_FINDINGS = "Feststellungen aus den Besuchen"
DOC_NO_FINDINGS = "Keine Feststellungen übernommen."
DOC_COL_FIELD = "Problemfeld"
DOC_COL_SEVERITY = "Schwere"
DOC_COL_PLACE = "Ort"
DOC_COL_EVIDENCE = "Beleg/Quelle"
DOC_COL_VISIT = "Besuch vom"
DOC_COL_NO = "Nr."
DOC_COL_GOAL = "Ziel"
DOC_COL_TARGET_GROUP = "Zielgruppe"
DOC_COL_INDICATOR = "Indikator"
DOC_COL_TARGET_VALUE = "Zielwert"
DOC_COL_SERVED_BY = "Maßnahmen"
DOC_NO_GOALS = "Noch keine Ziele festgelegt."
DOC_NO_MEASURES = "Noch keine Maßnahmen geplant."
DOC_M_FIELDS = "Problemfelder"
DOC_M_GOALS = "Ziele"
DOC_M_LEAD = "Federführung"
DOC_M_PARTNERS = "Partner"
DOC_M_PERIOD = "Zeitraum"
DOC_M_COST = "Kosten (Schätzung)"
DOC_M_FUNDING = "Finanzierung"
DOC_M_OWN_SHARE = "Eigenanteil"
DOC_M_GRANT = "Beantragte Förderung"
DOC_M_STATE = "Stand"
DOC_M_DESCRIPTION = "Beschreibung"
DOC_FINANCE = "Kosten und Finanzierung"
DOC_COL_MEASURE = "Maßnahme"
DOC_COL_COST = "Kosten"
DOC_COL_FUNDING = "Finanzierung"
DOC_COL_OWN_SHARE = "Eigenanteil"
DOC_COL_GRANT = "beantragte Förderung"
DOC_SUM = "Summe"
DOC_DROPPED_NOTE = "Verworfene Maßnahmen sind in der Summe nicht enthalten."
DOC_TOTAL_COST = "Gesamtkosten"
DOC_TOTAL_RL = "davon über RL KommPräv (förderfähige Kosten)"
DOC_TOTAL_OWN = "Eigenanteil gesamt"
DOC_TOTAL_RL_OWN = "Eigenanteil der RL-KommPräv-Maßnahmen"
DOC_TOTAL_MIN_OWN = "Mindesteigenanteil (10 %)"
DOC_TOTAL_GAP = "Eigenanteil fehlt"
DOC_TOTAL_CAP = "Förderhöchstbetrag (90 %)"
DOC_TOTAL_GRANT = "Beantragte Förderung (RL KommPräv)"
DOC_GRANT_SHARE = "{share} % der Kosten der RL-KommPräv-Maßnahmen"
DOC_COL_ELIGIBLE = "förderfähige Kosten"
DOC_COL_MIN_OWN = "mind. 10 %"
DOC_COL_GAP = "Eigenanteil fehlt"
DOC_COL_CAP = "höchstens 90 %"
DOC_FINANCE_RULE = ("RL KommPräv: Förderung bis 90 % der förderfähigen Kosten, Eigenanteil mindestens 10 % "
                    "(auch als Sachleistung). Als förderfähige Kosten gilt die Kostenschätzung der Maßnahme; "
                    "Investitionen sind nicht förderfähig.")
DOC_CHECKS = "Prüfhinweise (Beccaria-Check)"
DOC_CHECKS_INTRO = "Der Beccaria-Check hat beim Export am {day} diese Hinweise gegeben:"
DOC_CHECKS_NONE = "Der Beccaria-Check hat beim Export am {day} keine Hinweise gegeben."
# one measure's money (services/beccaria.py: finance_lines, capped_note), on the screen and in documents
FIN_COST = "Kosten"
FIN_ELIGIBLE = "förderfähige Kosten"
FIN_OWN = "Eigenanteil"
FIN_MIN_OWN = "Mindesteigenanteil (10 %)"
FIN_GAP = "Eigenanteil fehlt"
FIN_CAP = "Förderhöchstbetrag (90 %)"
FIN_GRANT = "beantragte Förderung"
FIN_NOT_RL = "keine Förderung nach RL KommPräv"
FIN_CAPPED = ("Gekappt auf 90 % der förderfähigen Kosten (Kosten − Eigenanteil wären {rest}): Die Differenz "
              "von {gap} muss zusätzlich als Eigenanteil getragen werden (auch als Sachleistung).")
FIN_SUM = "Summe ohne verworfene Maßnahmen"
FIN_RL_SUM = "davon RL KommPräv"
DOC_TIMELINE = "Zeitplan"
DOC_COL_START = "Beginn"
DOC_COL_END = "Ende"
DOC_COL_LEAD = "Federführung"
DOC_COL_STATE = "Stand"
DOC_CHART = "Zeitleiste"
DOC_IMPLEMENTATION = "Hinweise zur Umsetzung"
DOC_EVALUATION_ITEMS = "Indikatoren und Zeitpunkte"
DOC_COL_METHOD = "Methode"
DOC_COL_DUE = "Zeitpunkt"
DOC_NO_EVALUATION_ITEMS = "Noch keine Indikatoren für die Evaluation festgelegt."
DOC_FOOTER = "Erstellt mit asskomm · Allianz Sichere Sächsische Kommunen"
CLI_STRATEGY_HELP = "Präventionsstrategien einer Kommune"
CLI_SEARCH_HELP = "alles durchsuchen: Kommunen, Kontakte, Besuche, Feststellungen, Folgeaufgaben, Strategien"
CLI_SEARCH_DESCRIPTION = ("Sucht in allem, was der Speicher hält; jedes Wort muss vorkommen (Groß-/Kleinschreibung "
                          "und Umlaute egal: „goerlitz“ findet Görlitz). Monate („märz“), Jahre („2025“, "
                          "„03.2025“), Problemfelder („graffiti“) und Kürzel in Großbuchstaben („SS“) grenzen ein. "
                          "Neueste Treffer zuerst. Ändert nichts und geht auch, während asskomm den Speicher "
                          "offen hat.")
CLI_SEARCH_QUERY_HELP = "die Suchwörter"
CLI_SEARCH_JSON_HELP = "die Treffer als JSON-Liste (kind, id, part, commune, date, snippet, conflict)"
CLI_SEARCH_LIMIT_HELP = "höchstens N Treffer (Standard 50, 0: alle)"
CLI_SEARCH_LIMIT_BAD = "keine gültige Anzahl: {value!r} (erlaubt: 0 oder mehr)"
CLI_SEARCH_NONE = "Keine Treffer für „{query}“."
SEARCH_KIND = {"commune": "Kommune", "contact": "Kontakt", "visit": "Besuch", "finding": "Feststellung",
               "follow_up": "Folgeaufgabe", "strategy": "Strategie", "measure": "Maßnahme"}
CLI_STRATEGY_EXPORT_HELP = "eine Strategie als Dokument (Markdown oder HTML) schreiben"
CLI_STRATEGY_EXPORT_DESCRIPTION = (
    "Schreibt die Präventionsstrategie einer Kommune als Dokument mit allen Abschnitten nach den "
    "Beccaria-Standards, Kosten und Finanzierung, Zeitplan und Evaluation. Ändert den Speicher nicht. "
    "Exit-Code 0: geschrieben, 1: Kommune, Strategie oder Speicher nicht gefunden, 2: falscher Aufruf "
    "oder Format nicht verfügbar.")
CLI_AGS_HELP = "Amtlicher Gemeindeschlüssel der Kommune, z. B. 14628270 für Pirna"
CLI_PERIOD_HELP = ("Zeitraum der Strategie, z. B. 2026-2028 oder ein einzelnes Jahr; nötig, wenn die Kommune "
                   "mehrere Strategien hat")
CLI_FORMAT_HELP = ("md (Markdown), html (druckbare Seite) oder docx (Word, als Projektbeschreibung für einen "
                   "Antrag nach RL KommPräv); Standard: nach der Endung von --out, sonst md")
CLI_OUT_HELP = ("Zielordner oder Dateiname; Standard: aktueller Ordner, Dateiname wie "
                "strategie-Pirna-2026-2028.md")
CLI_BAD_PERIOD = "kein gültiger Zeitraum: {value!r} (z. B. 2026-2028 oder 2026)"
CLI_UNKNOWN_AGS = "Keine Kommune mit dem Gemeindeschlüssel {ags} bekannt."
CLI_NO_STRATEGY = "{name} ({ags}) hat noch keine Präventionsstrategie."
CLI_NO_STRATEGY_FOR_PERIOD = "{name} ({ags}) hat keine Strategie für {period}. Vorhanden: {periods}."
CLI_AMBIGUOUS_PERIOD = "{name} ({ags}) hat mehrere Strategien: {periods}. Bitte mit --period eine wählen."
CLI_WRITTEN = "Dokument geschrieben: {path}"

# -- CLI (cli.py, cli_store.py, cli_sync.py) -------------------------------------------------------
# argparse's own texts (it looks them up through its module-level ``_``)
ARGPARSE = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "optional arguments": "Optionen",
    "show this help message and exit": "diese Hilfe anzeigen und beenden",
    "show program's version number and exit": "Versionsnummer anzeigen und beenden",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "argument %(argument_name)s: %(message)s": "Angabe %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ungültiger Wert: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ungültige Wahl: %(value)r (möglich: %(choices)s)",
    "expected one argument": "erwartet einen Wert",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "subcommands": "Befehle",
}
CLI_DESCRIPTION = ("asskomm – Besuche, Kommunen und Folgeaufgaben der Allianz Sichere Sächsische Kommunen, "
                   "offline im Terminal. Ohne Befehl startet die Anwendung. --db PFAD (oder $ASSKOMM_DB) "
                   "wählt die Speicherdatei, vor oder nach dem Befehl.")
CLI_VERSION_HELP = "Versionsnummer anzeigen und beenden"
CLI_COMMANDS = "Befehle"
CLI_ACTIONS = "Aktionen"
CLI_DB_HELP = "Speicherdatei (Standard: ${env}, sonst {default})"
CLI_DB_TWICE = "--db nennt verschiedene Dateien: {paths}. Bitte nur eine angeben."
CLI_DEMO_FLAG_HELP = ("mit einem frisch erzeugten Demo-Speicher in einem temporären Ordner starten "
                      "(der echte Speicher bleibt unberührt)")
CLI_VISITS_HELP = "Besuche im Demo-Speicher, 0 bis {max} (Standard 2000)"
CLI_NOT_A_NUMBER = "keine Zahl: {value!r}"
CLI_VISITS_RANGE = "erlaubt sind 0 bis {max} Besuche"
CLI_BAD_DATE = "kein gültiges Datum: {value!r} (z. B. 26.11.2026)"
CLI_DEMO_HELP = "einen Demo-Speicher schreiben"
CLI_DEMO_DESCRIPTION = ("Schreibt einen realistischen, reproduzierbaren Demo-Speicher: alle 418 Kommunen, ein "
                        "Dutzend Beratende, Besuche über mehrere Jahre; ab 10 Besuchen dazu Präventionsstrategien "
                        "in jedem Status, Folgeaufgaben für die Woche nach dem Enddatum und zwei Konflikte zum "
                        "Lösen. Gleicher Seed und gleiches Enddatum ergeben den gleichen Inhalt.")
CLI_DEMO_DB_HELP = "Zieldatei (darf noch nicht existieren)"
CLI_SEED_HELP = "Zufallsstartwert (Standard 1)"
CLI_END_HELP = "letzter Tag des Zeitraums, TT.MM.JJJJ (Standard: heute)"
CLI_DEMO_NEEDS_DB = "asskomm demo braucht --db PFAD: die Datei, in die der Demo-Speicher geschrieben wird."
CLI_DEMO_EXISTS = "Die Datei {path} existiert bereits; bitte einen neuen Pfad angeben."
CLI_DEMO_WRITTEN = Plural("Demo-Speicher geschrieben: {path} ({n} Besuch, Seed {seed}).",
                          "Demo-Speicher geschrieben: {path} ({n} Besuche, Seed {seed}).")
CLI_CHECK_HELP = "einen Speicher prüfen"
CLI_CHECK_DESCRIPTION = ("Prüft, ob der Speicher lesbar ist, jeder Datensatz gültig ist und jede Revision zu "
                         "ihrem Inhalt passt. Ändert nichts und geht auch, während asskomm den Speicher offen "
                         "hat. Exit-Code 0: in Ordnung, 1: Probleme gefunden oder keine Speicherdatei.")
CLI_BACKUP_HELP = "Sicherungen anzeigen, anlegen, wiederherstellen"
CLI_BACKUP_DESCRIPTION = "Sicherungen liegen im Ordner 'backups' neben der Speicherdatei."
CLI_BACKUP_LIST_HELP = "alle Sicherungen auflisten, neueste zuerst"
CLI_BACKUP_CREATE_HELP = "jetzt eine Sicherung anlegen"
CLI_BACKUP_RESTORE_HELP = "den Speicher aus einer Sicherung wiederherstellen (der jetzige Stand wird vorher gesichert)"
CLI_BACKUP_NAME_HELP = "Name der Sicherung (oder ein eindeutiger Anfang davon)"
CLI_NO_BACKUPS = "Keine Sicherungen für {path}."
CLI_BACKUPS_WITHOUT_STORE = ("Die Speicherdatei {path} gibt es nicht, aber Sicherungen von ihr; zurückholen mit "
                             "{command}")
CLI_BACKUP_MADE = "Sicherung angelegt: {path}"
CLI_BACKUP_NOTHING = "Der Speicher {path} ist leer; es gibt nichts zu sichern."
CLI_RESTORED = ("Wiederhergestellt aus {name}. Der vorherige Stand liegt als Sicherung 'vor-wiederherstellung' "
                "in {folder}.")
CLI_EXPORT_HELP = "eine Exportdatei für die Zentrale (oder von der Zentrale) schreiben"
CLI_EXPORT_DESCRIPTION = ("Beratung: alle Änderungen dieses Geräts, die die Zentrale noch nicht bestätigt hat "
                          "(mit --full alles); gibt es keine, wird keine Datei geschrieben. Zentrale: immer alles, "
                          "mit den Bestätigungen je Gerät. Die Datei wird atomar geschrieben.")
CLI_FULL_HELP = "alles exportieren, nicht nur die neuen Änderungen"
CLI_EXPORT_OUT_HELP = "Zielordner oder Dateiname (.json oder .json.gz); Standard: aktueller Ordner"
CLI_GZ_HELP = "gzip-komprimiert schreiben (.json.gz)"
CLI_RECORDS = Plural("{n} Datensatz", "{n} Datensätze")
CLI_EXPORTED_FULL = "Exportiert: {path} ({records}, vollständig)."
CLI_EXPORTED = "Exportiert: {path} ({records}, Änderungen {first}–{last})."
CLI_NOTHING_TO_EXPORT = ("Nichts Neues zu exportieren: die Zentrale hat schon alles, was auf diesem Gerät "
                         "geändert wurde. Es wurde keine Datei geschrieben (mit --full wird trotzdem alles "
                         "exportiert).")
CLI_IMPORT_HELP = "Exportdateien einlesen und zusammenführen"
CLI_IMPORT_DESCRIPTION = ("Prüft jede Datei vollständig, zeigt was sich ändert, legt eine Sicherung an und übernimmt "
                          "dann alles oder nichts. Gibt es die Speicherdatei noch nicht, wird sie angelegt (ein "
                          "neues Gerät mit der Datei der Zentrale einrichten). --dry-run ändert nichts, legt nichts "
                          "an und geht auch, während asskomm den Speicher offen hat. Exit-Code 0: übernommen "
                          "(Konflikte werden gemeldet, sind aber kein Fehler), 1: Speicher nicht verfügbar, "
                          "2: mindestens eine Datei wurde abgelehnt (aus ihr wurde nichts übernommen).")
CLI_FILES_HELP = "Exportdatei(en), .json oder .json.gz"
CLI_DRY_RUN_HELP = "nur prüfen und anzeigen, nichts übernehmen"
CLI_JSON_HELP = "den Bericht als JSON ausgeben"
CLI_STORE_CREATED = ("Neuer Speicher angelegt: {path}. Beim ersten Start fragt asskomm nach Name und Kürzel "
                     "der Person, die mit diesem Gerät arbeitet.")

# -- settings file (settings.py, cli_config.py) -------------------------------------------------------
SET_LINE = "Zeile {line}: "
SET_LINE_TEXT = " („{text}“)"
SET_SYNTAX = ("Zeile {line}, Spalte {column}{text}: kein gültiges TOML{hint}. Die Datei wird nicht "
              "verwendet; es gelten die Standardeinstellungen.")
SET_SYNTAX_END = ("Am Ende der Datei (Zeile {line}): kein gültiges TOML{hint}. Die Datei wird nicht verwendet; "
                  "es gelten die Standardeinstellungen.")
SET_HINT_QUOTES = " – Texte stehen in Anführungszeichen, z. B. theme = \"nord\""
SET_HINT_QUOTE_END = " – ein Anführungszeichen wird nicht geschlossen"
SET_HINT_TWICE = " – eine Einstellung oder Tabelle steht zweimal in der Datei"
SET_NOT_UTF8 = ("Zeile {line}: die Datei ist nicht als UTF-8 gespeichert. Die Datei wird nicht verwendet; es "
                "gelten die Standardeinstellungen.")
SET_UNREADABLE = "{error} Es gelten die Standardeinstellungen."
SET_UNKNOWN = "{where}unbekannte Einstellung „{key}“ (bekannt: {known}); sie wird nicht beachtet."
SET_INVALID = "{where}{detail}; es gilt der Standardwert."
SET_NOT_A_TABLE = "muss eine Tabelle sein, z. B. [keymap] und darunter quit = \"ctrl+x\""
SET_NOT_TEXT = "muss ein Text in Anführungszeichen sein"
SET_NOT_A_FOLDER = "muss ein Ordner in Anführungszeichen sein"
SET_NOT_BOOL = "muss true oder false sein (ohne Anführungszeichen)"
SET_BAD_THEME = ("{where}das Farbschema „{theme}“ gibt es nicht; es gilt „{default}“ (alle Farbschemata: "
                 "asskomm config oder „Farbschema“ in der Befehlsliste).")
SET_KEY_NOT_TEXT = ("{where}keymap.{id}: die Taste muss ein Text in Anführungszeichen sein, z. B. \"ctrl+x\"; "
                    "es gilt die Standardtaste.")
SET_BAD_KEY = ("{where}keymap.{id}: „{key}“ ist keine Taste (z. B. f5, ctrl+s, ctrl+shift+a, escape, "
               "question_mark; mehrere durch Komma getrennt); es gilt die Standardtaste.")
SET_UNKNOWN_BINDING = ("{where}keymap: kein Tastenkürzel hat die ID „{id}“ (alle IDs: asskomm config --keys); "
                       "der Eintrag wird nicht beachtet.")
SET_FILE_HEADER = "# Einstellungen von asskomm (siehe README: Einstellungen)\n"
SET_NOT_SAVED_BROKEN = "Nicht gespeichert: die Einstellungsdatei {path} hat Fehler (asskomm config zeigt sie)."
SET_NOT_SAVED_LAYOUT = ("Nicht gespeichert: „{key}“ steht in der Einstellungsdatei {path} so, dass asskomm die "
                        "Zeile nicht sicher ändern kann. Bitte dort von Hand ändern.")
SET_PROBLEMS_TITLE = Plural("Einstellungen: {n} Problem", "Einstellungen: {n} Probleme")
SET_PROBLEMS_IN = "In der Einstellungsdatei {path}:"
CMD_WITH_KEY = "{help} ({key})"
SET_THEME_SAVED = "Farbschema „{theme}“ gespeichert in {path}"
CLI_CONFIG_HELP = "die Einstellungsdatei und die wirksamen Einstellungen anzeigen"
CLI_CONFIG_DESCRIPTION = (
    "Zeigt, wo die Einstellungsdatei liegt (Standard: Konfigurationsordner des Systems, sonst ${env}), "
    "die wirksamen Einstellungen und die Probleme der Datei. Exit-Code 0: in Ordnung (oder keine Datei), "
    "1: die Datei hat Probleme (für das Fehlerhafte gelten die Standardwerte).")
CLI_CONFIG_KEYS_HELP = "jedes Tastenkürzel mit ID, Standardtaste und wirksamer Taste auflisten"
CLI_CONFIG_FILE = "Einstellungsdatei: {path}"
CLI_CONFIG_EXISTS = "vorhanden"
CLI_CONFIG_MISSING = "nicht vorhanden, es gelten die Standardeinstellungen"
CLI_CONFIG_THEME = "Farbschema (theme): {theme}"
CLI_CONFIG_THEMES = "  vorhanden: {themes}"
CLI_CONFIG_FOLDER = "Exportordner (export_folder): {folder}"
CLI_CONFIG_FOLDER_NONE = "nicht gesetzt (zuletzt benutzter Ordner, sonst {home})"
CLI_CONFIG_KEYMAP = Plural("Tastenbelegung (keymap): {n} geänderte Taste", "Tastenbelegung (keymap): {n} geänderte Tasten")
CLI_CONFIG_PROBLEMS = Plural("{path}: {n} Problem:", "{path}: {n} Probleme:")
CLI_CONFIG_KEYS_HEAD = ("ID", "Standard", "Wirksam", "Bedeutung")

# -- import reports (services/sync_report.py: the Sync screen's log and asskomm import) -------------
REPORT_KINDS = {"commune": "Kommunen", "visit": "Besuche", "problem_field": "Problemfelder",
                "consultant": "Beratende", "strategy": "Strategien"}
# one count per outcome of storage.sync.merge.Outcome, in its order
REPORT_OUTCOMES = {
    "new": Plural("{n} neu", "{n} neu"),
    "updated": Plural("{n} aktualisiert", "{n} aktualisiert"),
    "deleted": Plural("{n} gelöscht", "{n} gelöscht"),
    "unchanged": Plural("{n} unverändert", "{n} unverändert"),
    "stale": Plural("{n} veraltet", "{n} veraltet"),
    "conflict": Plural("{n} Konflikt", "{n} Konflikte"),
}
REPORT_REJECTED = "{file}: ABGELEHNT – {error}"
REPORT_NOTHING_TAKEN = "  Aus dieser Datei wurde nichts übernommen."
REPORT_ALREADY = "{file}: wurde bereits eingelesen (Export {bundle}); nichts geändert."
REPORT_HEAD = "{file}: {state} – {records}, {origin}, {scope}"
REPORT_PREVIEW = "Vorschau"
REPORT_APPLIED = "übernommen"
REPORT_NOT_APPLIED = "nicht übernommen"
REPORT_RECORDS = Plural("{n} Datensatz", "{n} Datensätze")
REPORT_FULL = "vollständig"
REPORT_INCREMENTAL = "inkrementell"
REPORT_KIND_LINE = "  {kind}: {counts}"
REPORT_CONFLICTS = Plural("  {n} Datensatz mit Konflikt – bitte in asskomm unter „Konflikte“ lösen.",
                          "  {n} Datensätze mit Konflikt – bitte in asskomm unter „Konflikte“ lösen.")
REPORT_ACK = "  Die Zentrale bestätigt jetzt Änderungen bis Nr. {seq}."

# -- search over everything (screens/search.py) ------------------------------------------------------
KEY_SEARCH_ALL = "Suche"
KEY_SEARCH_RESULTS = "Zu den Treffern"
KEY_SEARCH_QUERY = "Suchfeld"
CMD_SEARCH = ("Suche", "In allem suchen: Kommunen, Kontakte, Besuche, Feststellungen, Folgeaufgaben, Strategien")
SEARCH_TITLE = "Suche"
SEARCH_ALL_PLACEHOLDER = "Alles durchsuchen … (z. B. pirna märz · graffiti brücke · ordnungsamt zittau)"
SEARCH_HINT = ("Jedes Wort muss vorkommen; Monate, Jahre (2025, 03.2025), Problemfelder und Kürzel in "
               "Großbuchstaben grenzen ein. ↓ zu den Treffern, Enter öffnet, Esc zurück.")
SEARCH_BUILDING = "Suchindex wird aufgebaut …"
SEARCH_NONE = "Keine Treffer für „{query}“."
SEARCH_MORE = "Mehr als {n} Treffer – die ersten {n}, neueste zuerst; weitere Wörter grenzen ein."
SEARCH_COUNT = Plural("{n} Treffer, neueste zuerst", "{n} Treffer, neueste zuerst")
PALETTE_SEARCH = "Überall suchen: {query} ({count})"
SEARCH_HITS = Plural("{n} Treffer", "{n} Treffer")
SEARCH_MORE_SHORT = "mehr als {n} Treffer"
PALETTE_SEARCH_HELP = "Besuche, Feststellungen, Folgeaufgaben, Kontakte, Strategien ({key})"

# -- visit view and dossier filters (screens/visit_view.py, screens/dossier.py) ---------------------
KEY_VIEW_EDIT = "Bearbeiten"
KEY_VIEW_PREVIOUS = "Früherer"
KEY_VIEW_NEXT = "Späterer"
KEY_VIEW_PREVIOUS_LONG = "Früherer Besuch dieser Kommune"
KEY_VIEW_NEXT_LONG = "Späterer Besuch dieser Kommune"
VIEW_TITLE = "Besuch in {name}"
VIEW_HEAD = "{name} ({kreis}) · {date} · {kind}"
VIEW_POSITION = "Besuch {n} von {total} in {name}"
VIEW_ONLY = " · einziger Besuch"
VIEW_FIRST = " · erster Besuch"
VIEW_LAST = " · letzter Besuch"
VIEW_AT_FIRST = "Das ist der erste Besuch in {name}; ein früherer ist nicht gespeichert."
VIEW_AT_LAST = "Das ist der letzte Besuch in {name}; ein späterer ist nicht gespeichert."
VIEW_META_CONSULTANTS = "Beratung: {names}"
VIEW_META_PARTICIPANTS = "Teilnehmende: {names}"
VIEW_NOBODY = "keine angegeben"
VIEW_EMPTY_TEXT = "(leer)"
VIEW_FINDINGS = Plural("{n} Feststellung", "{n} Feststellungen")
VIEW_NO_FINDINGS = "Keine Feststellungen."
VIEW_FOLLOW_UPS = Plural("{n} Folgeaufgabe", "{n} Folgeaufgaben")
VIEW_OPEN_COUNT = " · {n} offen"
VIEW_OVERDUE_COUNT = ", davon {n} überfällig"
VIEW_ALL_DONE = Plural(" · erledigt", " · alle erledigt")
KEY_VIEW_DONE = "Erledigt"
VIEW_NO_FOLLOW_UPS = "Keine Folgeaufgaben."
VIEW_COL_NOTE = "Notiz"
VIEW_COL_STATE = "Stand"
VIEW_OPEN = "offen"
VIEW_DONE = "erledigt"
VIEW_DONE_ON = "erledigt am {date}"
VIEW_GONE = ("Dieser Besuch ist gelöscht (hier oder auf einem anderen Gerät) und wird nicht mehr angezeigt. "
             "Esc führt zurück.")
VIEW_GONE_STEP = ("Dieser Besuch in {name} ist gelöscht (hier oder auf einem anderen Gerät). ←/→ zeigen die "
                  "anderen Besuche der Kommune, Esc führt zurück.")
KEY_FILTER_FIELD = "Problemfeld"
KEY_FILTER_FIELD_LONG = "Besuche nach Problemfeld filtern"
KEY_FILTER_PERIOD = "Zeitraum"
KEY_FILTER_PERIOD_LONG = "Besuche nach Zeitraum filtern"
FILTER_ALL_FIELDS = "alle Problemfelder"
FILTER_ALL_PERIODS = "alle Zeiträume"
FILTER_LAST_12_MONTHS = "letzte 12 Monate"
FILTER_YEAR = "{year}"
DOSSIER_VISIT_COUNT = Plural("{shown} von {n} Besuch", "{shown} von {n} Besuchen")
DOSSIER_NO_MATCH = "Keine Besuche für diesen Filter (F: Problemfeld, P: Zeitraum)."

# -- sorting lists by a column (widgets/sorting.py, tables.py, list_table.py) -------------------------
KEY_SORT = "Sortieren"
KEY_SORT_LONG = "Nächste Spalte sortieren (nach der letzten: wie anfangs)"
KEY_SORT_REVERSE = "Umkehren"
KEY_SORT_REVERSE_LONG = "Sortierung umkehren (auf-/absteigend)"
SORTED_BY = "Sortiert nach {column}, {direction}"
SORT_ASCENDING = "aufsteigend ▲"
SORT_DESCENDING = "absteigend ▼"

# -- read-only window (asskomm --lesen, readonly.py) --------------------------------------------------
RO_MARK = "NUR LESEN"
RO_MARK_SAVED = "NUR LESEN · Stand {time}"
KEY_RELOAD = "Neu laden"
CMD_RELOAD = ("Neu laden", "Den Speicher neu einlesen: was das andere Fenster inzwischen gespeichert hat")
RO_REFRESHED = "Neu eingelesen ({mark})."
RO_UNCHANGED = "Nichts Neues: das andere Fenster hat seitdem nichts gespeichert ({mark})."
RO_REFRESH_FAILED = "Der Speicher lässt sich gerade nicht neu einlesen: {reason} Angezeigt bleibt der bisherige Stand ({mark})."
RO_REFUSED = ("Dieses Fenster ist nur zum Lesen geöffnet (asskomm --lesen): hier lässt sich nichts ändern. "
              "Bitte im Fenster bearbeiten, das den Speicher geöffnet hat.")
RO_LOCKED_BANNER = "NUR LESEN – hier lässt sich nichts ändern; Esc schließt."
KEY_OPEN_READ_ONLY = "Nur lesen öffnen"
RO_LOCKED_HINT = ("Zum Nachschlagen daneben: L öffnet den Speicher hier nur zum Lesen (ohne etwas zu ändern), "
                  "ebenso in einem weiteren Terminal: {command}")
CLI_READ_ONLY_HELP = ("den Speicher nur zum Lesen öffnen, auch während ein anderes asskomm-Fenster ihn geöffnet "
                      "hat: nichts wird geändert, Strg+R liest neu ein")
CLI_READ_ONLY_MISSING = "{message} Nur zum Lesen öffnet asskomm nur einen vorhandenen Speicher; ohne --lesen legt es ihn an."
CLI_READ_ONLY_ALONE = "--lesen gilt nur für das Fenster, nicht für einen Befehl oder --demo"

# -- Folgeaufgaben (agenda, screens/agenda.py) ------------------------------------------------------
KEY_AGENDA = "Folgeaufgaben"
CMD_AGENDA = ("Folgeaufgaben", "Alle offenen Folgeaufgaben: überfällig, diese Woche, später")
AGENDA_TITLE = "Folgeaufgaben"
KEY_AGENDA_DONE = "Erledigt"
KEY_AGENDA_DONE_LONG = "Folgeaufgabe als erledigt abhaken (Strg+Z nimmt es zurück)"
KEY_AGENDA_OWNER = "Verantw."
KEY_AGENDA_OWNER_LONG = "Nach Verantwortlichen filtern"
KEY_AGENDA_COMMUNE = "Kommune"
KEY_AGENDA_COMMUNE_LONG = "Nach Kommune filtern (Namen tippen)"
KEY_AGENDA_KREIS = "Kreis"
KEY_AGENDA_KREIS_LONG = "Nach Kreis filtern (Namen tippen)"
KEY_AGENDA_MINE = "Meine"
KEY_AGENDA_MINE_LONG = "Nur meine Folgeaufgaben an/aus"
AGENDA_MINE = "Nur meine"
AGENDA_ALL_OWNERS = "alle Verantwortlichen"
AGENDA_NO_OWNER = "(niemand angegeben)"
AGENDA_ALL_COMMUNES = "alle Kommunen"
AGENDA_ALL_KREISE = "alle Kreise"
AGENDA_GROUPS = {"overdue": "Überfällig", "week": "Diese Woche", "later": "Später", "undated": "Ohne Termin"}
AGENDA_GROUP_COUNT = Plural("{n} Aufgabe", "{n} Aufgaben")
AGENDA_COUNTS = {"overdue": "{n} überfällig", "week": "{n} diese Woche", "later": "{n} später",
                 "undated": "{n} ohne Termin"}
AGENDA_TOTAL = Plural("{n} offene Folgeaufgabe", "{n} offene Folgeaufgaben")
AGENDA_SHOWN = Plural("{shown} von {n} offenen Folgeaufgabe", "{shown} von {n} offenen Folgeaufgaben")
AGENDA_FILTERED_BY = "gefiltert: {filters}"
AGENDA_FILTER_OWNER = "Verantwortlich „{owner}“"
AGENDA_FILTER_COMMUNE = "Kommune {name}"
AGENDA_FILTER_KREIS = "Kreis {kreis}"
AGENDA_FILTER_MINE = "nur meine"
AGENDA_HINT = ("„Nur meine“: aus Ihren Besuchen oder mit Ihrem Namen oder Kürzel als Verantwortliche · "
               "„!“ heißt überfällig")
AGENDA_NONE = "Keine offenen Folgeaufgaben."
AGENDA_NO_MATCH = "Keine offenen Folgeaufgaben für diese Filter – {clear} zeigt alle."
AGENDA_OVERDUE_MARK = " !"
OVERVIEW_DUE_ALL = "{title} · alle: {key}"

# -- Bilanz (issue 9): figures, tables, the bilanz command ------------------------------------------
BILANZ_TITLE = "Bilanz der Allianz Sichere Sächsische Kommunen"
BILANZ_ALL = "ganz Sachsen"
BILANZ_T_FIGURES = "Kennzahlen"
BILANZ_T_KINDS = "Besuche nach Art"
BILANZ_T_MONTHS = "Besuche nach Monat"
BILANZ_T_CONSULTANTS = "Besuche nach Beraterin / Berater"
BILANZ_T_FIELDS = "Problemfelder"
BILANZ_T_KREISE = "Kreise und Problemfelder (Feststellungen)"
BILANZ_T_SEVERITIES = "Höchste Schweregrade"
BILANZ_T_STRATEGIES = "Präventionsstrategien nach Status"
BILANZ_T_FUNDING = "Förderung nach RL KommPräv (Maßnahmen mit Beginn im Zeitraum)"
BILANZ_COUNTING = ("Gezählt werden die aktuellen Fassungen; gelöschte Datensätze nie, Datensätze im Konflikt "
                   "einmal (in der Fassung, die der Speicher zeigt).")
BILANZ_BUDGET_SHARE = "{share} des Budgets beantragt"
CLI_BILANZ_HELP = "die Bilanz des Programms: Kennzahlen eines Zeitraums (JSON, CSV, Markdown, HTML, XLSX, DOCX)"
CLI_BILANZ_DESCRIPTION = (
    "Zählt, was das Programm berichtet: beratene und neu kontaktierte Kommunen, Mitglieder, KPR, "
    "Kooperationsvereinbarungen, Coachings, Sicherheitsanalysen, Besuche, Problemfelder, Folgeaufgaben, "
    "Strategien und Förderung, jeweils mit dem Vorzeitraum verglichen. Ohne --von/--bis: das laufende "
    "Kalenderjahr. Ändert nichts und geht auch, während asskomm den Speicher offen hat. Exit-Code 0: "
    "geschrieben, 1: Speicher nicht lesbar, 2: falscher Aufruf.")
CLI_BILANZ_FROM_HELP = "erster Tag (TT.MM.JJJJ); Standard: 1. Januar des laufenden Jahres"
CLI_BILANZ_TO_HELP = "letzter Tag (TT.MM.JJJJ); Standard: 31. Dezember des Jahres von --von"
CLI_BILANZ_YEAR_HELP = "ein Programmjahr (1 = 06.02.2019–05.02.2020) statt --von/--bis"
CLI_BILANZ_SINCE_HELP = "seit Beginn des Programms (06.02.2019) bis --bis (Standard: heute)"
CLI_BILANZ_KREIS_HELP = "nur ein Kreis: sein Name (Görlitz, LK Görlitz) oder Schlüssel (14626)"
CLI_BILANZ_CONSULTANT_HELP = "nur die Besuche einer Beraterin / eines Beraters (Kürzel, z. B. SS)"
CLI_BILANZ_FORMAT_HELP = "json (Standard), csv (eine Datei je Tabelle), md, html, xlsx oder docx"
CLI_BILANZ_OUT_HELP = ("Zielordner (oder Zieldatei); ohne: json und md auf die Standardausgabe, die anderen "
                       "als bilanz_VON_BIS.<format> im aktuellen Ordner; csv: ein Ordner bilanz_VON_BIS "
                       "mit einer Datei je Tabelle")
CLI_BILANZ_BAD_DATE = "kein gültiges Datum: {value!r} (erwartet TT.MM.JJJJ, z. B. 06.02.2019)"
CLI_BILANZ_BAD_RANGE = "Das Ende ({end}) liegt vor dem Beginn ({start})."
CLI_BILANZ_BAD_YEAR = "kein gültiges Programmjahr: {value!r} (1 = 06.02.2019–05.02.2020)"
CLI_BILANZ_NO_KREIS = "Kein Kreis „{value}“. Kreise: {kreise}"
CLI_BILANZ_NO_CONSULTANT = "Keine Beraterin / kein Berater mit dem Kürzel „{value}“. Bekannt: {known}"
CLI_BILANZ_WRITTEN = "Bilanz {period} geschrieben: {path}"
CLI_BILANZ_BOTH = "--programmjahr und --seit-beginn schließen einander und --von aus."
BILANZ_MAP_TITLE = "Beratene Kommunen nach Kreis"
BILANZ_MAP_TEXT = "{n} beraten"
BILANZ_GAUGE_TITLE = "Förderbudget"
BILANZ_GAUGE_TEXT = "{requested} von {budget} beantragt ({share} %)"
BILANZ_DEFINITIONS = "Wie gezählt wird"
BILANZ_FOOTER = "Erstellt am {date} mit asskomm · Allianz Sichere Sächsische Kommunen"
FORMAT_XLSX = "Excel-Mappe (.xlsx)"
FORMAT_DOCX = "Word-Dokument (.docx)"
FORMAT_CSV = "CSV für Excel (ein Ordner, eine Datei je Tabelle)"
FORMAT_JSON = "JSON (die Kennzahlen)"
KEY_BILANZ = "Auswertung"
CMD_BILANZ = ("Auswertung", "Die Bilanz eines Zeitraums: Kennzahlen, Diagramme, Export")
BILANZ_SCREEN_TITLE = "Auswertung"
BILANZ_ALL_CONSULTANTS = "alle Beratenden"
BILANZ_PERIOD_YEAR = "Kalenderjahr {year}"
BILANZ_PERIOD_PROGRAMME = "Programmjahr {n} ({start}/{end:02d})"
BILANZ_PERIOD_SINCE = "seit Beginn (06.02.2019)"
BILANZ_PERIOD_RANGE = "{start} – {end}"
BILANZ_COMPUTING = "Berechne die Bilanz … {share} %"
BILANZ_COMPARED = "Vergleich: {period}"
BILANZ_NOT_COMPARED = "ohne Vergleich (kein Zeitraum davor)"
BILANZ_TAB_FIGURES = "1 Kennzahlen"
BILANZ_TAB_VISITS = "2 Besuche"
BILANZ_TAB_FIELDS = "3 Problemfelder"
BILANZ_TAB_KREISE = "4 Kreise"
BILANZ_TAB_FUNDING = "5 Förderung"
BILANZ_COL_FIGURE = "Kennzahl"
BILANZ_COL_VALUE = "Wert"
BILANZ_COL_BEFORE = "Vorzeitraum"
BILANZ_COL_DELTA = "Δ"
BILANZ_COL_SEVERITY = "Schwere"
BILANZ_COL_FIELD = "Problemfeld"
BILANZ_COL_PLACE = "Ort"
BILANZ_COL_YEAR = "Jahr"
BILANZ_COL_COST = "Kosten"
BILANZ_COL_OWN = "Eigenanteil"
BILANZ_COL_REQUESTED = "beantragt"
BILANZ_COL_BUDGET = "Budget"
BILANZ_MONTHS_RANGE = "{first} bis {last}: wenigstens {low}, höchstens {high} Besuche im Monat, zusammen {total}"
BILANZ_FIELD_TEXT = "{findings} in {communes} Komm."
BILANZ_MAP_ADVISED = "beratene Kommunen"
BILANZ_MAP_VISITS = "Besuche"
BILANZ_MAP_FINDINGS = "Feststellungen"
BILANZ_MAP_HEADING = "Kreise: {figure} ({key}: andere Kennzahl)"
BILANZ_NONE = "keine im Zeitraum"
BILANZ_EXPORT_TITLE = "Bilanz exportieren"
BILANZ_RANGE_TITLE = "Zeitraum wählen"
BILANZ_RANGE_FROM = "Von (TT.MM.JJJJ)"
BILANZ_RANGE_TO = "Bis (TT.MM.JJJJ)"
KEY_BILANZ_PERIOD = "Zeitraum"
KEY_BILANZ_PERIOD_LONG = "Zeitraum wählen: Kalenderjahr, Programmjahr, seit Beginn"
KEY_BILANZ_RANGE = "Von–bis"
KEY_BILANZ_RANGE_LONG = "Einen beliebigen Zeitraum eingeben (von, bis)"
KEY_BILANZ_KREIS = "Kreis"
KEY_BILANZ_KREIS_LONG = "Nach Kreis filtern"
KEY_BILANZ_CONSULTANT = "Beratung"
KEY_BILANZ_CONSULTANT_LONG = "Nach Beraterin / Berater filtern"
KEY_BILANZ_MAP = "Karte"
KEY_BILANZ_MAP_LONG = "Die Kreiskarte nach einer anderen Kennzahl schattieren"
KEY_BILANZ_EXPORT = "Export"
KEY_BILANZ_EXPORT_LONG = "Die Bilanz als Datei schreiben (HTML, Excel, Word, Markdown, CSV, JSON)"
# -- visit record and commune report (services/record_docs.py) -------------------------------------
DOC_R_VISIT_TITLE = "Besuchsprotokoll {name}, {date}"
DOC_R_COMMUNE_TITLE = "Kommunenbericht {name}"
DOC_R_CONSULTANTS = "Beratung"
DOC_R_PARTICIPANTS = "Teilnehmende"
DOC_R_SUMMARY = "Zusammenfassung"
DOC_R_NOTES = "Notizen"
DOC_R_FINDINGS = "Feststellungen"
DOC_R_FOLLOW_UPS = "Folgeaufgaben"
DOC_R_NOTE = "Notiz"
DOC_R_DONE = "erledigt"
DOC_R_YES = "ja"
DOC_R_NO = "nein"
DOC_R_NO_FINDINGS = "Keine Feststellungen."
DOC_R_NO_FOLLOW_UPS = "Keine Folgeaufgaben."
DOC_R_STATUS = "Stand"
DOC_R_KREIS = "Kreis"
DOC_R_AGS = "Gemeindeschlüssel"
DOC_R_POPULATION = "Einwohner"
DOC_R_MEMBER = "ASSKomm-Mitglied seit"
DOC_R_MODEL = "Modellkommune"
DOC_R_KPR = "Kommunaler Präventionsrat"
DOC_R_AGREEMENT = "Kooperationsvereinbarung"
DOC_R_COACHING = "Coaching"
DOC_R_ANALYSIS = "Sicherheitsanalyse"
DOC_R_CONTACTS = "Kontakte"
DOC_R_NAME = "Name"
DOC_R_ROLE = "Funktion"
DOC_R_PHONE = "Telefon"
DOC_R_EMAIL = "E-Mail"
DOC_R_NO_CONTACTS = "Keine Kontakte erfasst."
DOC_R_VISITS = "Besuche"
DOC_R_NO_VISITS = "Noch keine Besuche."
DOC_R_FIELDS = "Problemfelder"
DOC_R_COUNT = "Anzahl"
DOC_R_LAST_SEEN = "zuletzt"
DOC_R_MAX_SEVERITY = "höchste Schwere"
DOC_R_OPEN = "Offene Folgeaufgaben"
DOC_R_EXPORT_VISIT = "Besuch als Dokument exportieren"
DOC_R_EXPORT_COMMUNE = "Kommunenbericht exportieren"
KEY_DOCUMENT = "Dokument"
KEY_DOCUMENT_VISIT_LONG = "Den Besuch als Dokument schreiben (HTML, Word, Markdown)"
KEY_DOCUMENT_COMMUNE_LONG = "Den Kommunenbericht schreiben: Stand, Kontakte, Besuche, Problemfelder, Aufgaben"
CLI_VISIT_HELP = "Besuche: ein Besuch als Dokument (Besuchsprotokoll)"
CLI_VISIT_EXPORT_HELP = "einen Besuch als Dokument schreiben (Markdown, HTML oder Word)"
CLI_VISIT_ID_HELP = "die Kennung des Besuchs (asskomm search … --json zeigt sie)"
CLI_COMMUNE_HELP = "Kommunen: der Kommunenbericht als Dokument"
CLI_COMMUNE_EXPORT_HELP = "den Kommunenbericht schreiben (Stand, Kontakte, Besuche, Problemfelder, Aufgaben)"
CLI_DOC_FORMAT_HELP = "md (Markdown), html (druckbare Seite) oder docx (Word); Standard: html"
CLI_DOC_OUT_HELP = "Zielordner oder Dateiname; Standard: aktueller Ordner"
CLI_UNKNOWN_VISIT = "Kein Besuch mit der Kennung {id} (gelöscht oder nie gespeichert)."
BILANZ_BUDGET_TITLE = "Jahresbudget für Förderung nach RL KommPräv"
BILANZ_BUDGET_FIELD = "Budget je Jahr in Euro (gilt auf allen Geräten, sobald sie die Datei der Zentrale einlesen)"
BILANZ_BUDGET_SAVED = "Jahresbudget gespeichert: {amount}. Es geht mit der nächsten Datei der Zentrale an alle Geräte."
KEY_BILANZ_BUDGET = "Budget"
KEY_BILANZ_BUDGET_LONG = "Das Jahresbudget festlegen (nur die Zentrale)"


# -- Datenschutz (screens/datenschutz.py, services/datenschutz.py, cli_datenschutz.py; issue 10) ---------
KEY_DATENSCHUTZ = "Datenschutz"
CMD_DATENSCHUTZ = ("Datenschutz", "Eine Person finden, Auskunft (Art. 15 DSGVO), Löschung (Art. 17)")
DS_TITLE = "Datenschutz"
DS_PLACEHOLDER = "Name der Person, z. B. Anna Müller – Enter sucht"
DS_HINT = ("Sucht den Namen als ganze Wörter (Groß-/Kleinschreibung und Umlaute egal) in Kontakten, Teilnehmenden "
           "und Texten – auch in Konfliktversionen, früheren Fassungen und Entwürfen.")
DS_SEARCHING = "Suche …"
DS_ERASING = "Lösche und prüfe die Sicherungen …"
DS_NONE = "Zu „{name}“ ist nichts gespeichert."
DS_COUNT = Plural("{n} Stelle zu „{name}“ in {records}.", "{n} Stellen zu „{name}“ in {records}.")
DS_RECORDS = Plural("{n} Datensatz", "{n} Datensätzen")
DS_PLACES = Plural("{n} Stelle", "{n} Stellen")
DS_ORDERS_LINE = Plural("{n} Löschanordnung in diesem Speicher ({key}: Berichte).",
                        "{n} Löschanordnungen in diesem Speicher ({key}: Berichte).")
DS_COL_WHERE = "Wo"
DS_COL_FIELD = "Feld"
DS_COL_STATE = "Stand"
DS_COL_TEXT = "Text"
DS_STATE = {"current": "aktuell", "conflict": "Konflikt", "history": "früher", "draft": "Entwurf"}
DS_KIND = {"commune": "Kommune", "visit": "Besuch", "strategy": "Strategie", "consultant": "Beratende/r",
           "problem_field": "Problemfeld", "draft": "Entwurf"}
DS_FIELD = {
    "summary": "Zusammenfassung", "notes": "Notizen", "participants": "Teilnehmende",
    "coaching_note": "Coaching-Notiz", "name": "Name", "email": "E-Mail", "description": "Beschreibung",
    "contacts.name": "Kontakt: Name", "contacts.role": "Kontakt: Funktion", "contacts.phone": "Kontakt: Telefon",
    "contacts.email": "Kontakt: E-Mail",
    "findings.place": "Feststellung: Ort", "findings.evidence": "Feststellung: Quelle",
    "findings.note": "Feststellung: Notiz", "follow_ups.text": "Folgeaufgabe", "follow_ups.owner": "Folgeaufgabe: wer",
    "title": "Titel", "agreed_with": "Abgestimmt mit", "problem_description": "Problembeschreibung",
    "cause_analysis": "Ursachenanalyse", "implementation_notes": "Umsetzung", "evaluation": "Evaluation",
    "goals.title": "Ziel", "goals.target_group": "Ziel: Zielgruppe", "goals.indicator": "Ziel: Indikator",
    "goals.target_value": "Ziel: Zielwert", "measures.title": "Maßnahme", "measures.description": "Maßnahme: Beschreibung",
    "measures.lead": "Maßnahme: federführend", "measures.partners": "Maßnahme: Partner",
    "evaluation_items.indicator": "Evaluation: Indikator", "evaluation_items.method": "Evaluation: Methode",
}
KEY_DS_SEARCH = "Suchen"
KEY_DS_NAME = "Name"
KEY_DS_NAME_LONG = "Zurück in das Namensfeld"
KEY_DS_OPEN = "Öffnen"
KEY_DS_EXPORT = "Auskunft"
KEY_DS_EXPORT_LONG = "Auskunft nach Art. 15 DSGVO als Datei schreiben (JSON, Markdown, HTML, Word)"
KEY_DS_ERASE = "Löschen"
KEY_DS_ERASE_LONG = "Die Person löschen (Art. 17 DSGVO): hier und auf jedem Gerät, das die Anordnung erhält"
KEY_DS_ORDERS = "Berichte"
KEY_DS_ORDERS_LONG = "Die Löschanordnungen dieses Speichers und welche Sicherungen die Personen noch enthalten"
DS_NEED_SEARCH = "Erst einen Namen eingeben und mit Enter suchen."
DS_EXPORT_TITLE = "Auskunft nach Art. 15 DSGVO exportieren"
FORMAT_DS_JSON = "JSON (jede Stelle mit Datensatz, Feld und Text)"
DS_ERASE_TITLE = "Person löschen (Art. 17 DSGVO)"
DS_ERASE_WHAT = ("Gelöscht wird „{name}“: {count} in {records} ({kinds}). Kontakte der Person und Teilnahme-"
                 "Einträge mit ihrem Namen werden entfernt; in Texten wird der Name durch [gelöscht] ersetzt – "
                 "in jeder Version, jedem Konflikt, jeder früheren Fassung und jedem Entwurf.")
DS_ERASE_NOTHING = ("Zu „{name}“ ist hier nichts gespeichert. Die Anordnung gilt trotzdem für alles, was später "
                    "eingelesen wird.")
DS_ERASE_TRAVEL = ("Die Löschanordnung (der Name darin nur als Prüfsumme) geht mit der nächsten Exportdatei an die "
                   "Zentrale und von dort an jedes Gerät; sie gilt auch für ältere Dateien, die später eingelesen "
                   "werden. Sie lässt sich nicht zurücknehmen.")
DS_REFERENCE = "Aktenzeichen oder Grund (freiwillig)"
DS_ERASED = "„{name}“ gelöscht."
DS_REPORT_TITLE = "Löschbericht"
DS_REPORT_ORDER = "Anordnung vom {when}, gegeben auf Gerät {device} ({role}) von {by}."
DS_REPORT_REFERENCE = "Aktenzeichen/Grund: {reference}"
DS_REPORT_CHANGED = "Bereinigt: {what}."
DS_REPORT_HISTORY = Plural("{n} frühere Fassung entfernt", "{n} frühere Fassungen entfernt")
DS_REPORT_DRAFTS = Plural("{n} Entwurf entfernt", "{n} Entwürfe entfernt")
DS_REPORT_NOTHING = "In diesem Speicher war nichts zu bereinigen."
DS_REPORT_KIND = {
    "commune": Plural("{n} Kommune", "{n} Kommunen"), "visit": Plural("{n} Besuch", "{n} Besuche"),
    "strategy": Plural("{n} Strategie", "{n} Strategien"),
    "consultant": Plural("{n} beratende Person", "{n} beratende Personen"),
    "problem_field": Plural("{n} Problemfeld", "{n} Problemfelder"),
}
DS_REPORT_NO_BACKUPS = "Keine Sicherung enthält die Person."
DS_REPORT_BACKUPS = Plural(
    "{n} Sicherung enthält die Person noch. Sicherungen werden nicht verändert; die Rotation entfernt sie:",
    "{n} Sicherungen enthalten die Person noch. Sicherungen werden nicht verändert; die Rotation entfernt sie:")
DS_BACKUP_DAILY = Plural("{name} ({reason}, {created}): frühestens am {date}, nach {n} weiteren Tag mit asskomm",
                         "{name} ({reason}, {created}): frühestens am {date}, nach {n} weiteren Tagen mit asskomm")
DS_BACKUP_OTHER = Plural("{name} ({reason}, {created}): nach {n} weiteren Sicherung dieser Art",
                         "{name} ({reason}, {created}): nach {n} weiteren Sicherungen dieser Art")
DS_REPORT_ROTATION = ("Es bleiben die 14 neuesten täglichen Sicherungen (eine am ersten Start eines Tages) und je "
                      "10 jeder anderen Art (vor Import, vor Wiederherstellung, von Hand …).")
DS_REPORT_LAST = "Die letzte tägliche Sicherung mit der Person fällt frühestens am {date} weg."
DS_REPORT_RESTORE = ("Wird eine ältere Sicherung zurückgeholt, bleiben die Löschanordnungen erhalten und werden "
                     "sofort wieder angewandt.")
DS_ORDERS_TITLE = "Löschanordnungen"
DS_ORDERS_NONE = "In diesem Speicher gibt es keine Löschanordnung."
DS_DOC_TITLE = "Auskunft nach Art. 15 DSGVO: {name}"
DS_DOC_INTRO = ("Alle Stellen, an denen asskomm auf diesem Gerät „{name}“ gespeichert hat, Stand {date}: aktuelle "
                "Fassungen, Konfliktversionen, frühere Fassungen und Entwürfe. Gesucht wurde nach dem Namen als "
                "ganze Wörter; Groß-/Kleinschreibung und Umlaute spielen keine Rolle.")
DS_DOC_NONE = "Zu dieser Person ist nichts gespeichert."
DS_DOC_HEAD = ("Wo", "Kommune", "Datum", "Feld", "Stand", "Text")
DS_DOC_DEVICE = "Gerät {device}, Speicher {store}"

CLI_DS_HELP = "Datenschutz: alles zu einer Person finden, Auskunft (Art. 15 DSGVO), Löschung (Art. 17)"
CLI_DS_SEARCH_HELP = "zeigen, wo die Person gespeichert ist (nur lesend)"
CLI_DS_ACCESS_HELP = "die Auskunft nach Art. 15 DSGVO als Datei schreiben (nur lesend)"
CLI_DS_ERASE_HELP = "die Person löschen (Art. 17 DSGVO); die Löschanordnung geht mit dem nächsten Export an alle Geräte"
CLI_DS_NAME_HELP = "Name der Person, z. B. \"Anna Müller\""
CLI_DS_JSON_HELP = "als JSON ausgeben"
CLI_DS_OUT_HELP = "Zieldatei oder -ordner (Format nach der Endung: .json, .md, .html, .docx; Standard: JSON)"
CLI_DS_REFERENCE_HELP = "Aktenzeichen oder Grund (der Name wird daraus entfernt)"
CLI_DS_YES_HELP = "ohne Rückfrage löschen"
CLI_DS_CONFIRM = "Endgültig löschen? (ja/nein): "
CLI_DS_NEEDS_YES = "Keine Rückfrage möglich (kein Terminal): mit --ja bestätigen. Nichts geändert."
CLI_DS_NOT_DONE = "Nicht gelöscht; nichts geändert."
CLI_DS_WRITTEN = "Auskunft geschrieben: {path}"


# -- asskomm keys (cli_keys.py) ------------------------------------------------------------------------
CLI_PASSPHRASE_PROMPT = "Passwort der Schlüssel: "
CLI_KEYS_HELP = "Schlüssel dieses Geräts, der Zentrale und das Geräteregister"
CLI_KEYS_DESCRIPTION = ("Zeigt und verwaltet die Schlüssel: jedes Gerät unterschreibt seine Exportdateien und "
                        "öffnet nur, was für es versiegelt ist. Ein Beratergerät nimmt einmal den Schlüssel der "
                        "Zentrale an, die Zentrale nimmt jedes Gerät in ihr Register auf (Fingerabdrücke am "
                        "Telefon vergleichen).")
CLI_KEYS_SHOW_HELP = "eigene Fingerabdrücke, den der Zentrale und das Geräteregister zeigen (nur lesend)"
CLI_KEYS_EXPORT_HELP = "die öffentlichen Schlüssel dieses Geräts in eine Datei schreiben (für die Zentrale)"
CLI_KEYS_OUT_HELP = "die Datei, z. B. schluessel-AR.json"
CLI_KEYS_TRUST_HELP = ("Zentrale: ein Gerät ins Register aufnehmen; Beratergerät: den Schlüssel der Zentrale "
                       "annehmen (aus einer Schlüsseldatei oder einer Exportdatei)")
CLI_KEYS_FILE_HELP = "Schlüsseldatei (asskomm keys export) oder versiegelte Exportdatei"
CLI_KEYS_YES_HELP = "ohne Rückfrage annehmen (nur nach dem Vergleich des Fingerabdrucks)"
CLI_KEYS_REVOKE_HELP = "Zentrale: den Schlüssel eines Geräts sperren (verlorenes Gerät)"
CLI_KEYS_DEVICE_HELP = "Gerätekennung oder Fingerabdruck (der Anfang genügt, wenn er eindeutig ist)"
CLI_KEYS_ROTATE_HELP = "neue Schlüssel für dieses Gerät; der alte unterschreibt den neuen"
CLI_KEYS_PASSPHRASE_HELP = ("die privaten Schlüssel mit einem Passwort schützen (gefragt wird beim Start; "
                            "ohne Terminal: $ASSKOMM_NEW_PASSPHRASE)")
CLI_KEYS_REMOVE_HELP = "den Passwortschutz entfernen"
CLI_KEYS_ROLE_HQ = "Zentrale"
CLI_KEYS_ROLE_CONSULTANT = "Beratergerät"
CLI_KEYS_OWN = "Dieses Gerät ({role}, {device}): Fingerabdruck {fingerprint}"
CLI_KEYS_PROTECTED = "Private Schlüssel: mit Passwort geschützt"
CLI_KEYS_UNPROTECTED = "Private Schlüssel: ohne Passwort (nur durch die Dateirechte geschützt)"
CLI_KEYS_ROTATIONS = Plural("{n} Schlüsselwechsel", "{n} Schlüsselwechsel")
CLI_KEYS_HQ = "Zentrale: Fingerabdruck {fingerprint} (angenommen am {since})"
CLI_KEYS_HQ_DEMO = ("Zentrale: die Demo-Zentrale ({fingerprint}); ihre Dateien kann niemand lesen. Den echten "
                    "Schlüssel der Zentrale annehmen, um Dateien für sie zu schreiben.")
CLI_KEYS_NO_HQ = ("Zentrale: noch kein Schlüssel angenommen – ohne ihn ist kein Export möglich "
                  "(asskomm keys trust DATEI)")
CLI_KEYS_REGISTER = Plural("Geräteregister: {n} Gerät", "Geräteregister: {n} Geräte")
CLI_KEYS_REVOKED = "gesperrt"
CLI_KEYS_ACCEPTED = "angenommen"
CLI_KEYS_EXPORTED = "Öffentliche Schlüssel geschrieben: {path} (Fingerabdruck {fingerprint})"
CLI_KEYS_COMPARE = ("Fingerabdruck der Datei: {fingerprint}\nBitte am Telefon vergleichen. Bei Annahme: {what}")
CLI_KEYS_CONFIRM = "Stimmt der Fingerabdruck überein? Annehmen (ja/nein): "
CLI_KEYS_NEEDS_YES = ("Keine Rückfrage möglich (kein Terminal). Nach dem Vergleich des Fingerabdrucks mit --ja "
                      "erneut aufrufen. Nichts geändert.")
CLI_KEYS_NOT_TAKEN = "Nicht angenommen; nichts geändert."
CLI_KEYS_REVOKED_DONE = ("Gerät {device} (Fingerabdruck {fingerprint}) gesperrt: seine Dateien werden abgelehnt, "
                         "die nächsten Dateien der Zentrale sind nicht mehr für es lesbar.")
CLI_KEYS_ROTATED = ("Neue Schlüssel, Fingerabdruck {fingerprint}. Der alte Schlüssel hat den neuen unterschrieben; "
                    "die Gegenseite übernimmt ihn mit der nächsten Datei.")
CLI_KEYS_NEW_PASSPHRASE = "Neues Passwort: "
CLI_KEYS_REPEAT_PASSPHRASE = "Noch einmal: "
CLI_KEYS_PASSPHRASE_MISMATCH = "Die beiden Eingaben sind verschieden; nichts geändert."
CLI_KEYS_PASSPHRASE_SHORT = "Das Passwort ist zu kurz (mindestens 8 Zeichen); nichts geändert."
CLI_KEYS_PASSPHRASE_NEEDS_TTY = "Kein Terminal für die Eingabe: das neue Passwort in ${env} angeben. Nichts geändert."
CLI_KEYS_PASSPHRASE_SET = "Die privaten Schlüssel sind jetzt mit dem Passwort geschützt."
CLI_KEYS_PASSPHRASE_REMOVED = "Der Passwortschutz der Schlüssel ist entfernt."
IMPORT_PLAIN_WARNING = "Achtung: unverschlüsselte, unsignierte Datei (Format 1); der Absender ist nicht geprüft."

# -- keys in the app (dialogs/keys.py, dialogs/passphrase.py) ---------------------------------------------
KEY_KEYS = "Schlüssel"
KEY_KEYS_TRUST = "Annehmen"
KEY_KEYS_EXPORT = "Eigene exportieren"
KEY_KEYS_ROTATE = "Neue Schlüssel"
KEY_KEYS_REVOKE = "Sperren"
KEYS_TITLE = "Schlüssel"
KEYS_HINT = ("t: Schlüssel aus einer Datei annehmen (Zentrale: ein Gerät; Beratergerät: die Zentrale) · "
             "x: eigene öffentliche Schlüssel in den Exportordner · n: neue Schlüssel · s: Gerät sperren (Zentrale)")
COL_KEY_DEVICE = "Gerät"
COL_KEY_FINGERPRINT = "Fingerabdruck"
COL_KEY_STATUS = "Status"
COL_KEY_NAME = "Name"
KEYS_TRUST_QUESTION = "Fingerabdruck {fingerprint} annehmen?"
KEYS_TRUST_DETAIL = "Bitte vorher am Telefon vergleichen. Bei Annahme: {what}"
KEYS_ROTATE_QUESTION = "Neue Schlüssel für dieses Gerät erzeugen?"
KEYS_ROTATE_DETAIL = ("Der alte Schlüssel unterschreibt den neuen; die Gegenseite übernimmt ihn mit der nächsten "
                      "Datei. Ältere Dateien bleiben lesbar.")
KEYS_REVOKE_QUESTION = "Gerät {device} (Fingerabdruck {fingerprint}) sperren?"
KEYS_REVOKE_DETAIL = ("Für ein verlorenes Gerät: seine Dateien werden abgelehnt, die nächsten Dateien der Zentrale "
                      "sind für es nicht mehr lesbar. Rückgängig nur mit neuen Schlüsseln auf einem neuen Gerät.")
KEY_PASSPHRASE_QUIT = "Beenden"
PASSPHRASE_TITLE = "Passwort der Schlüssel"
PASSPHRASE_TEXT = ("Die Schlüssel dieses Geräts sind mit einem Passwort geschützt. Bitte eingeben und Enter "
                   "drücken; Esc beendet asskomm.")
