app-name = Tandem
app-tagline = Twoja przestrzeń do mentoringu — działa bez internetu.
language = Język
loading = Otwieranie…
skip-to-content = Przejdź do treści

## Dates, times and numbers (src/i18n/format.rs)
format-month = { $month ->
        [1] sty
        [2] lut
        [3] mar
        [4] kwi
        [5] maj
        [6] cze
        [7] lip
        [8] sie
        [9] wrz
        [10] paź
        [11] lis
       *[12] gru
    }
format-month-year = { format-month } { $year }
format-date = { $day } { format-month } { $year }
format-time = { $hour }:{ $minute }
format-date-time = { $date }, { $time }
format-decimal-separator = ,
format-group-separator = { "\u00A0" }
format-group-from = 10000

## Navigation
nav-main = Główna
nav-workspaces = Przestrzenie
nav-dashboard = Pulpit
nav-agreement = Umowa
nav-goals = Cele
nav-meetings = Spotkania
workspace-switcher = Przestrzeń

## Workspaces
workspaces-title = Twoje przestrzenie
workspaces-empty = Nie masz jeszcze żadnej przestrzeni. Utwórz osobną dla każdej pary mentorskiej.
workspace-name = Nazwa przestrzeni
workspace-create = Utwórz przestrzeń
workspace-open = Otwórz
workspace-rename = Zmień nazwę
workspace-new-name = Nowa nazwa
workspace-save-name = Zapisz nazwę
workspace-delete = Usuń
workspace-delete-confirm = Usunąć „{ $name }” i wszystkie jej dane z tego urządzenia? Tego nie można cofnąć.
workspace-delete-yes = Tak, usuń
cancel = Anuluj
workspace-missing = Tej przestrzeni nie ma na tym urządzeniu.

## Dashboard
dashboard-title = Pulpit
next-meeting = Najbliższe spotkanie
no-next-meeting = Brak zaplanowanego spotkania.
plan-meeting = Zaplanuj spotkanie
open-actions = Otwarte zadania
no-open-actions = Brak otwartych zadań.
overdue = po terminie
due = termin { $date }
goals-progress = Cele i postępy
no-goals = Nie ma jeszcze celów.
add-goal-link = Dodaj cel

## Agreement
agreement-title = Umowa
agreement-purpose = Cel mentoringu
agreement-start = Data rozpoczęcia
agreement-end = Data zakończenia
agreement-cadence = Spotkania co (dni)
agreement-channels = Preferowane formy kontaktu
agreement-confidentiality = Poufność

## Goals
goals-title = Cele
goal-new = Nowy cel
goal-title = Tytuł
goal-description = Opis
goal-category = Kategoria
goal-criteria = Kryteria sukcesu
goal-target-date = Termin
goal-status = Status
goal-add = Dodaj cel
goal-added = Dodano cel.
goal-delete = Usuń cel
goal-delete-confirm = Usunąć cel „{ $title }”?
goal-back = Wszystkie cele
goal-not-found = Ten cel nie istnieje (mógł zostać usunięty).
milestones = Kamienie milowe
milestone-title = Kamień milowy
milestone-add = Dodaj kamień milowy
milestone-done = Zrobione: { $title }
milestone-delete = Usuń kamień milowy { $title }
no-milestones = Nie ma jeszcze kamieni milowych.
progress = Postęp
progress-of = Postęp: { $title }
progress-value = { $value }%
progress-mode = Sposób mierzenia postępu
progress-from-milestones = Z kamieni milowych
progress-by-hand = Ręcznie
progress-manual = Postęp (%)
progress-comment = Komentarz do postępu
move-up = Przesuń w górę
move-down = Przesuń w dół

category-skill = Umiejętność
category-career = Rozwój zawodowy
category-promotion = Awans
category-other = Inne

status-planned = Zaplanowany
status-in_progress = W toku
status-achieved = Osiągnięty
status-dropped = Porzucony

## Meetings
meetings-title = Spotkania
meetings-upcoming = Nadchodzące
meetings-past = Minione
meetings-empty = Nie ma jeszcze spotkań.
meeting-new = Nowe spotkanie
meeting-starts-at = Data i godzina
meeting-duration = Czas trwania (minuty)
meeting-mode = Forma
meeting-place = Miejsce lub link
meeting-add = Dodaj spotkanie
meeting-title = Spotkanie { $date }
meeting-zone-note = W strefie { $zone }: { $time }.
meeting-minutes = { $minutes } min
meeting-delete = Usuń spotkanie
meeting-delete-confirm = Usunąć to spotkanie razem z agendą, notatkami i zadaniami?
meeting-back = Wszystkie spotkania
meeting-not-found = To spotkanie nie istnieje (mogło zostać usunięte).
agenda = Agenda
agenda-item = Punkt agendy
agenda-add = Dodaj do agendy
agenda-discussed = Omówione: { $text }
agenda-delete = Usuń punkt agendy { $text }
agenda-empty = Agenda jest pusta.
agenda-carry-over = Przenieś nieomówione punkty na następne spotkanie
agenda-carried = Nieomówione punkty przeniesiono na spotkanie { $date }.
agenda-nothing-to-carry = Wszystkie punkty zostały omówione.
notes = Wspólne notatki
actions = Zadania
action-title = Zadanie
action-owner = Osoba odpowiedzialna
action-due = Termin
action-add = Dodaj zadanie
action-done = Zrobione: { $title }
action-delete = Usuń zadanie { $title }
actions-empty = Nie ma jeszcze zadań.
linked-goals = Powiązane cele
linked-goal = Powiązany: { $title }

mode-in_person = Osobiście
mode-phone = Telefonicznie
mode-online = Online

role-mentor = Mentor
role-mentee = Mentee

## Errors and states
error-required = To pole jest wymagane.
char-count = { $used } z { $max } znaków
error-bad-date = Podaj poprawną datę.
error-bad-datetime = Podaj poprawną datę i godzinę.
error-out-of-range = Ta liczba jest poza dozwolonym zakresem.
error-too-long = Najwyżej { $max } { $max ->
        [one] znak
        [few] znaki
       *[other] znaków
    }.
error-end-before-start = Koniec nie może być przed początkiem.
error-bad-time-zone = Nieznana strefa czasowa.
error-not-found = To już nie istnieje — mogło zostać usunięte.
storage-full = Pamięć przeglądarki jest pełna. Ostatnie zmiany są w pamięci, ale nie zostały jeszcze zapisane na tym urządzeniu — wyeksportuj dane lub zwolnij miejsce.
storage-unavailable = Ta przeglądarka nie udostępnia Tandemowi pamięci na tym urządzeniu (przyczyną może być tryb prywatny). Zmiany są tylko w pamięci — wyeksportuj dane przed zamknięciem.
storage-lost = Tandem został zamknięty albo przeglądarka przestała działać, zanim zdążył zapisać ostatnie zmiany wprowadzone na tym urządzeniu. Tych zmian tu nie ma: widzisz wszystko, co zostało zapisane.
chunk-loading = Wczytywanie…
chunk-failed = Nie udało się pobrać tej części Tandemu. Sprawdź połączenie i spróbuj ponownie.
chunk-retry = Spróbuj ponownie
storage-lost-ok = Rozumiem
storage-use = Na tym urządzeniu Tandem zajmuje { $used } z { $quota }, na które pozwala przeglądarka.
storage-use-kept = Na tym urządzeniu Tandem zajmuje { $used } z { $quota }, na które pozwala przeglądarka; przeglądarka zachowa te dane nawet przy braku miejsca.
storage-corrupt-title = Nie można odczytać zapisanych danych tej przestrzeni
storage-corrupt = Danych zapisanych na tym urządzeniu nie udało się odczytać. Zostały nietknięte; pobierz je, aby zachować kopię lub poprosić o pomoc.
storage-corrupt-index = Nie udało się odczytać listy przestrzeni na tym urządzeniu. Została nietknięta; pobierz ją, aby zachować kopię. Tworzenie, zmiana nazwy i usuwanie przestrzeni są wyłączone, dopóki problem nie zostanie rozwiązany.
storage-download = Pobierz zapisane dane
not-found-title = Nie znaleziono strony
not-found-home = Przejdź do swoich przestrzeni

## Installed app
update-ready = Nowa wersja Tandemu jest gotowa.
update-reload = Przeładuj
install-app = Zainstaluj aplikację

## Account and sharing
nav-account = Konto
account-title = Konto
account-why = Konto jest potrzebne tylko do udostępnienia przestrzeni mentorowi lub mentee albo do korzystania z niej na drugim urządzeniu. Wszystko inne działa bez niego.
account-email = E-mail
account-password = Hasło (co najmniej 10 znaków)
account-sign-in = Zaloguj się
account-sign-up = Załóż konto
account-sign-out = Wyloguj się
account-signed-in-as = Zalogowano jako { $email }.
account-bad-email = Podaj poprawny adres e-mail, np. imie@example.com.
account-short-password = Hasło musi mieć co najmniej 10 znaków.
account-wrong-password = Błędny e-mail lub hasło.
account-exists = Konto z tym adresem już istnieje — zaloguj się.
account-too-many = Zbyt wiele prób. Spróbuj ponownie za minutę.
account-offline = Brak połączenia z serwerem. Spróbuj ponownie, gdy będziesz online.
account-failed = Nie udało się. Sprawdź dane i spróbuj ponownie.
join-title = Dołącz do wspólnej przestrzeni
join-invited-by = Zaprasza: { $email }
join-as-mentor = Zaproszenie do przestrzeni mentoringowej w roli mentora.
join-as-mentee = Zaproszenie do przestrzeni mentoringowej w roli mentee.
join-sign-in-first = Zaloguj się lub załóż konto, aby dołączyć.
join-accept = Dołącz do przestrzeni
join-unknown = Ten link z zaproszeniem jest nieprawidłowy.
join-gone = To zaproszenie wygasło lub zostało już użyte. Poproś o nowy link.
join-conflict = Już należysz do tej przestrzeni albo miejsce dla Ciebie zostało zajęte.
workspace-unnamed = Wspólna przestrzeń (nazwa pojawi się po pierwszej synchronizacji)
show-all = Pokaż wszystkie ({ $count })
health-title = Co wymaga uwagi
health-ok = Wszystko w porządku: spotkania w rytmie, cele idą do przodu, nic nie jest po terminie.
health-no-meeting = Brak spotkania od { $days } { $days ->
         [one] dnia
        *[other] dni
    } — umówiony rytm to co { $cadence } { $cadence ->
         [one] dzień
        *[other] dni
    }.
health-stalled-goal = „{ $title }”: bez postępu od { $weeks } { $weeks ->
         [one] tygodnia
        *[other] tygodni
    }.
health-overdue-goal = „{ $title }”: { $days } { $days ->
         [one] dzień
        *[other] dni
    } po terminie celu.
first-steps-title = Pierwsze kroki
first-steps-intro = Tak zaczyna się dobra współpraca mentora i mentee:
first-step-agreement = Ustalcie zasady współpracy w umowie
first-step-goal = Wyznaczcie pierwszy cel
first-step-meeting = Zaplanujcie pierwsze spotkanie
first-step-done = zrobione
health-overdue-action = „{ $title }”: { $days } { $days ->
         [one] dzień
        *[other] dni
    } po terminie.
export-title = Eksport
export-why = Twoje dane należą do Ciebie: pobierz całą przestrzeń (JSON, do ponownego wczytania), czytelne podsumowanie (Markdown, np. na rozmowę oceniającą) albo spotkania do kalendarza (.ics).
export-json = Cała przestrzeń (JSON)
export-markdown = Podsumowanie (Markdown)
export-ics = Spotkania do kalendarza (.ics)
import-title = Import
import-why = Wczytaj plik JSON wyeksportowany z Tandemu: stanie się nową przestrzenią na tym urządzeniu.
import-file = Plik eksportu (JSON)
import-unreadable = Nie udało się odczytać tego pliku.
import-not-json = To nie jest plik JSON. Nic nie zostało zmienione.
import-not-tandem = To nie jest eksport przestrzeni Tandem. Nic nie zostało zmienione.
import-unsupported-version = Ten eksport pochodzi z nowszej wersji Tandemu. Nic nie zostało zmienione.
import-invalid = Plik eksportu jest uszkodzony. Nic nie zostało zmienione.
import-copy = kopia
import-at-line = Miejsce w pliku: wiersz { $line }, kolumna { $column }.
import-at-field = Pole w pliku: { $field }.
areas-title = Obszary do dalszego rozwoju
areas-why = Co warto rozwijać później. Gdy nadejdzie czas, jednym przyciskiem zamienisz obszar w cel.
areas-empty = Nie ma jeszcze obszarów do rozwoju.
area-new = Nowy obszar
area-title = Obszar
area-note = Notatka
area-add = Dodaj obszar
area-to-goal = Zrób z tego cel
area-see-goal = Zobacz cel
area-delete = Usuń obszar
area-delete-confirm = Usunąć obszar „{ $title }”?
nav-contacts = Kontakty
nav-more = Więcej
menu = Menu
contacts-title = Kontakty
contacts-why = Osoby, które przedstawił mentor — sieć kontaktów, którą buduje mentoring.
contacts-empty = Nie ma jeszcze kontaktów.
contact-new = Nowy kontakt
contact-name = Imię i nazwisko
contact-role = Rola
contact-organisation = Organizacja
contact-why = Dlaczego warto się poznać
contact-follow-up = Kontakt nawiązany?
contact-introduced-on = Data przedstawienia
contact-add = Dodaj kontakt
contact-delete = Usuń kontakt
contact-delete-confirm = Usunąć kontakt { $name }?
follow-up-to_contact = Do nawiązania
follow-up-contacted = Napisano lub zadzwoniono
follow-up-met = Spotkaliśmy się
follow-up-ongoing = Stały kontakt
private-title = Moje prywatne notatki
private-label = Notatki widoczne tylko dla mnie
private-hint-synced = Tylko Ty widzisz te notatki, druga osoba nigdy. Synchronizują się między urządzeniami, na których się zalogujesz.
private-hint-local = Tylko Ty widzisz te notatki. Zaloguj się, aby mieć je także na innych urządzeniach.
share-title = Udostępnianie
share-needs-account = Ta przestrzeń jest tylko na tym urządzeniu. Aby udostępnić ją mentorowi lub mentee, najpierw się zaloguj.
share-why = Udostępnij tę przestrzeń, aby pracować w niej razem: każde z was ma pełną kopię, która działa bez internetu i synchronizuje się po połączeniu.
share-my-role = Moja rola w tej przestrzeni
share-button = Udostępnij tę przestrzeń
share-invite = Utwórz link z zaproszeniem
share-link = Link z zaproszeniem
share-link-help = Wyślij go drugiej osobie. Działa jeden raz i wygasa po 7 dniach.
share-send-link = Udostępnij link
share-copy-link = Kopiuj link
share-copied = Skopiowano link.
share-copy-failed = Nie udało się skopiować. Zaznacz link i skopiuj go ręcznie.
share-open-invitations = Otwarte zaproszenia
share-invitation-for = Link dla roli: { $role }, ważny do { $date }
share-withdraw = Wycofaj
share-remove = Usuń
share-remove-confirm = Usunąć { $email } z tej przestrzeni? Ta osoba natychmiast straci dostęp.
share-leave = Opuść tę przestrzeń
share-leave-confirm = Opuścić tę przestrzeń? Twoja kopia zostanie na tym urządzeniu, ale przestanie się synchronizować.
share-delete = Usuń dla nas obojga
share-delete-confirm = Usunąć tę przestrzeń z serwera i z tego urządzenia? Druga osoba natychmiast straci dostęp. Tego nie można cofnąć.
share-forbidden = Nie możesz tego zrobić w tej przestrzeni.
share-full = Ta przestrzeń ma już mentora i mentee.
sync-local = Tylko na tym urządzeniu
sync-offline = Offline — zmiany są zachowane i zsynchronizują się
sync-connecting = Łączenie…
sync-syncing = Synchronizacja…
sync-synced = Zsynchronizowano o { $time }
sync-synced-now = Zsynchronizowano
sync-refused = Dostęp do tej przestrzeni wygasł
sync-short-local = Lokalnie
sync-short-offline = Offline
sync-short-refused = Bez dostępu
sync-full = Serwer nie ma już miejsca na tę przestrzeń — zmiany zostają na tym urządzeniu
sync-short-full = Brak miejsca

# activities, feedback, progress
nav-activities = Działania
nav-feedback = Informacja zwrotna
nav-progress = Postępy
rating-scale = 1 = bardzo nisko, 5 = bardzo wysoko
activities-title = Działania rozwojowe
activities-empty = Nie ma jeszcze działań. Dodaj szkolenie, kurs, projekt albo książkę — wszystko, co przybliża do celu.
activity-new = Nowe działanie
activity-title = Nazwa
activity-kind = Rodzaj
activity-kind-training = Szkolenie
activity-kind-workshop = Warsztat
activity-kind-course = Kurs
activity-kind-practice = Praktyka
activity-kind-project = Projekt
activity-kind-reading = Lektura
activity-kind-shadowing = Obserwacja pracy (shadowing)
activity-kind-other = Inne
activity-status = Stan
activity-status-planned = Zaplanowane
activity-status-in_progress = W trakcie
activity-status-done = Zakończone
activity-status-cancelled = Odwołane
activity-start = Data rozpoczęcia
activity-end = Data zakończenia
activity-support = Jak wspiera mentor
activity-add = Dodaj działanie
activity-back = Wszystkie działania
activity-not-found = To działanie nie istnieje (mogło zostać usunięte).
activity-after = Po działaniu
activity-after-hint = Gdy się zakończy: jak poszło i co z niego wynosisz?
activity-evaluation = Jak poszło?
activity-evaluation-clear = Usuń ocenę
activity-reflection = Refleksja
activity-rated = ocena { $value }/5
activity-delete = Usuń działanie
activity-delete-confirm = Usunąć działanie „{ $title }”?
feedback-title = Informacja zwrotna
feedback-intro = Informacja zwrotna płynie w obie strony: od mentora do mentee i od mentee do mentora.
feedback-empty = Nie ma jeszcze informacji zwrotnej.
feedback-to-mentee = Od mentora dla mentee
feedback-to-mentor = Od mentee dla mentora
feedback-new = Nowa informacja zwrotna
feedback-from = Kto ją przekazuje
feedback-by-me-mentor = Piszesz jako mentor, dla mentee.
feedback-by-me-mentee = Piszesz jako mentee, dla mentora.
feedback-from-mentor = Mentor, dla mentee
feedback-from-mentee = Mentee, dla mentora
feedback-date = Data
feedback-went-well = Co poszło dobrze
feedback-to-improve = Co poprawić
feedback-next-step = Następny krok
feedback-write-something = Wpisz co najmniej jedno: co poszło dobrze, co poprawić albo następny krok.
feedback-about = Czego dotyczy (opcjonalnie)
feedback-about-nothing = Niczego konkretnego
feedback-about-goals = Cele
feedback-about-meetings = Spotkania
feedback-about-activities = Działania
feedback-about-goal = Cel: { $title }
feedback-about-meeting = Spotkanie z { $date }
feedback-about-activity = Działanie: { $title }
feedback-add = Dodaj informację zwrotną
feedback-added = Dodano informację zwrotną.
feedback-edit = Edytuj
feedback-done-editing = Gotowe
feedback-give = Przekaż informację zwrotną
feedback-none-about-goal = Nie ma jeszcze informacji zwrotnej o tym celu.
feedback-none-about-meeting = Nie ma jeszcze informacji zwrotnej o tym spotkaniu.
feedback-none-about-activity = Nie ma jeszcze informacji zwrotnej o tym działaniu.
feedback-delete = Usuń informację zwrotną
feedback-delete-confirm = Usunąć informację zwrotną z { $date }?
progress-title = Postępy
check-in-new = Samoocena
check-in-intro = Oceń się w skali od 1 do 5 — na początku, a potem co kilka tygodni. Wykresy poniżej pokażą, jak to się zmienia.
check-in-date = Data
check-in-goal = { $category }: { $title }
check-in-no-goals = Dodaj cele, aby oceniać też umiejętności w każdym z nich.
check-in-confidence = Pewność siebie
check-in-motivation = Motywacja
check-in-comment = Komentarz (opcjonalnie)
check-in-pick = Wybierz wartość od 1 do 5.
check-in-add = Zapisz samoocenę
check-in-added = Zapisano samoocenę.
check-ins-title = Poprzednie samooceny
check-ins-empty = Nie ma jeszcze samoocen.
check-in-ratings = Pewność siebie { $confidence }/5 · motywacja { $motivation }/5
check-in-skill-value = { $title }: { $value }/5
check-in-delete = Usuń
check-in-delete-confirm = Usunąć samoocenę z { $date }?
check-in-edit = Edytuj
check-in-done-editing = Gotowe
check-in-mentee-only = Samoocenę wypełnia mentee. Jej wyniki widać na wykresach i w liście poniżej.
charts-title = W czasie
chart-feelings = Pewność siebie i motywacja
chart-goal-progress = Postęp celów
chart-meetings = Spotkania w miesiącu
chart-no-check-ins = Nie ma jeszcze samoocen. Zapisz pierwszą powyżej — to Twój punkt wyjścia.
chart-one-check-in = Na razie jedna samoocena ({ $date }). Dodaj kolejną za kilka tygodni, aby zobaczyć zmianę.
chart-no-skills = Żadna umiejętność nie jest jeszcze oceniona. Oceń umiejętność w celu w samoocenie powyżej.
chart-no-goal-progress = Nie odnotowano jeszcze postępu celów. Odhacz kamień milowy albo ustaw postęp na stronie celu.
chart-one-goal-progress = Postęp odnotowano na razie jednego dnia; linia wydłuży się, gdy się zmieni.
chart-no-meetings = Nie ma jeszcze spotkań. Zaplanuj je w zakładce Spotkania.
chart-no-cadence = Nie ustalono jeszcze rytmu spotkań — ustaw go w umowie, aby mieć porównanie.
chart-point = { $series }, { $date }: { $value }
chart-summary = { $series }: od { $first } do { $last }, liczba pomiarów: { $count }, ostatnio { $value }.
chart-month = { $month }: odbyte spotkania: { $count }
chart-meetings-summary = Odbyte spotkania: { $count }. Pokazane miesiące: { $months }.
chart-expected = Według ustalonego rytmu: ok. { $count } w miesiącu
chart-meetings-legend = Odbyte spotkania
