# ruff: noqa: RUF001 - names are written in their own alphabets (such as Turkish dotless i)
"""Family and given names for the bench data, by language, with their accents.

About 1,300 family names as written in their languages, extended by the ways names combine:
Iberian double family names, German double names, the female forms of Polish, Czech,
Lithuanian and Greek names, Icelandic patronymics. Together a few thousand distinct names, so that
the blind indexes of 300,000 persons (9 and 8 bits) have the collisions a real register would have.
"""

import functools


def _split(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


FAMILY_NAMES = {
    "de": _split(
        """Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann,
        Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann,
        Braun, Krüger, Hofmann, Hartmann, Lange, Schmitt, Werner, Schmitz, Krause, Meier,
        Lehmann, Schmid, Schulze, Maier, Köhler, Herrmann, König, Walter, Mayer, Huber, Kaiser,
        Fuchs, Peters, Lang, Scholz, Möller, Weiß, Jung, Hahn, Schubert, Vogel, Friedrich,
        Keller, Günther, Frank, Berger, Winkler, Roth, Beck, Lorenz, Baumann, Franke, Albrecht,
        Schuster, Simon, Ludwig, Böhm, Winter, Kraus, Martin, Schumacher, Krämer, Vogt, Stein,
        Jäger, Otto, Sommer, Groß, Seidel, Heinrich, Brandt, Haas, Schreiber, Graf, Schulte,
        Dietrich, Ziegler, Kuhn, Kühn, Pohl, Engel, Horn, Busch, Bergmann, Thomas, Voigt, Sauer,
        Arnold, Wolff, Pfeiffer, Ernst, Lindner, Hübner, Kramer, Jansen, Franz, Peter, Hammer,
        Götz, Brunner, Förster, Eckert, Schütz, Barth, Großmann, Dörr, Gärtner, Wöhler, Blümel,
        Spätling, Brückner, Nüßlein, Schlüter, Lührs, Bäcker, Strauß, Fröhlich, Hölzl, Gößmann,
        Mühlbauer, Reißmann, Thür, Wüst, Oßwald, Kühnel, Rößler, Söllner, Tränkle, Düring,
        Eichhorn, Falk, Geiger, Hauser, Kessler, Lechner, Mertens, Nagel, Ott, Pieper, Reuter,
        Seifert, Thiel, Ulrich, Vetter, Wendt, Zeller, Aigner, Binder, Egger, Gruber, Hofer,
        Leitner, Moser, Pichler, Steiner, Wallner, Wimmer, Auer, Reiter, Fink, Schwaiger,
        Haider, Stöckl, Brandstätter, Lämmle, Rühl, Säubert, Flößer""",
    ),
    "pl": _split(
        """Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński,
        Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski, Mazur, Wojciechowski, Kwiatkowski,
        Krawczyk, Kaczmarek, Piotrowski, Grabowski, Zając, Pawłowski, Michalski, Król,
        Wieczorek, Jabłoński, Wróbel, Nowakowski, Majewski, Olszewski, Stępień, Malinowski,
        Jaworski, Adamczyk, Dudek, Nowicki, Pawlak, Górski, Witkowski, Walczak, Sikora, Baran,
        Rutkowski, Michalak, Szewczyk, Ostrowski, Tomaszewski, Pietrzak, Duda, Zalewski,
        Wróblewski, Jasiński, Marciniak, Bąk, Zawadzki, Sadowski, Jakubowski, Chmielewski,
        Włodarczyk, Borkowski, Czarnecki, Sawicki, Sokołowski, Urbański, Kubiak, Maciejewski,
        Szczepański, Kucharski, Wilk, Kalinowski, Lis, Mazurek, Wysocki, Adamski, Kaźmierczak,
        Wasilewski, Sobczak, Czerwiński, Andrzejewski, Cieślak, Głowacki, Zakrzewski, Kołodziej,
        Sikorski, Krajewski, Gajewski, Szymczak, Szulc, Baranowski, Laskowski, Brzeziński,
        Makowski, Ziółkowski, Przybylski, Żak, Łukasik, Śliwiński, Żurawski, Łuczak, Ćwik""",
    ),
    "tr": _split(
        """Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir,
        Arslan, Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, Şimşek, Polat, Özcan,
        Korkmaz, Çakır, Erdoğan, Yavuz, Can, Acar, Şen, Aktaş, Güler, Yalçın, Güneş, Bozkurt,
        Bulut, Keskin, Ünal, Turan, Gül, Özer, Işık, Kaplan, Avcı, Sarı, Tekin, Taş, Köse,
        Yüksel, Ateş, Aksoy, Karataş, Akın, Uçar, Tunç, Güven, Eren, Altun, Sönmez, Ekinci,
        Çiftçi, Karakaya, Bayram, Tuncer, Gündüz, Özbek, Başaran, Ağaoğlu, Çağlar, Dinç""",
    ),
    "pt": _split(
        """Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Jesus, Sousa,
        Fernandes, Gonçalves, Gomes, Lopes, Marques, Alves, Almeida, Ribeiro, Pinto, Carvalho,
        Teixeira, Moreira, Correia, Mendes, Nunes, Soares, Vieira, Monteiro, Cardoso, Rocha,
        Raposo, Neves, Coelho, Cruz, Cunha, Pires, Ramos, Reis, Simões, Antunes, Matos, Fonseca,
        Machado, Araújo, Barbosa, Tavares, Lourenço, Castro, Figueiredo, Azevedo, Freitas,
        Magalhães, Guerreiro, Brandão, Conceição, Assunção, Falcão, Loureiro, Baptista, Sequeira,
        Quintela, Valente, Macedo, Vasconcelos, Brito, Torres, Leitão, Caldeira, Sá, Patrício,
        Gaspar, Amaral, Guimarães, Mourão, Esteves, Calado, Jordão, Veríssimo, Conde, Romão""",
    ),
    "es": _split(
        """García, Rodríguez, González, Fernández, López, Martínez, Sánchez, Pérez, Gómez,
        Martín, Jiménez, Ruiz, Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Alonso,
        Gutiérrez, Navarro, Torres, Domínguez, Vázquez, Ramos, Gil, Ramírez, Serrano, Blanco,
        Molina, Morales, Suárez, Ortega, Delgado, Castro, Ortiz, Rubio, Marín, Sanz, Núñez,
        Iglesias, Medina, Garrido, Cortés, Castillo, Santos, Lozano, Guerrero, Cano, Prieto,
        Méndez, Cruz, Calvo, Gallego, Vidal, León, Márquez, Herrera, Peña, Flores, Cabrera,
        Campos, Vega, Fuentes, Carrasco, Diez, Caballero, Reyes, Nieto, Aguilar, Pascual,
        Santana, Herrero, Lorenzo, Montero, Hidalgo, Giménez, Ibáñez, Ferrer, Durán, Santiago,
        Benítez, Mora, Vicente, Vargas, Arias, Carmona, Crespo, Román, Pastor, Soto, Sáez,
        Velasco, Moya, Soler, Parra, Esteban, Bravo, Gallardo, Rojas, Muñiz, Peñalver""",
    ),
    "fr": _split(
        """Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau,
        Simon, Laurent, Lefèvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier,
        Morel, Girard, André, Lefebvre, Mercier, Dupont, Lambert, Bonnet, François, Martinez,
        Legrand, Garnier, Faure, Rousseau, Blanc, Guérin, Muller, Henry, Roussel, Nicolas,
        Perrin, Morin, Mathieu, Clément, Gauthier, Dumont, Lopez, Fontaine, Chevalier, Robin,
        Masson, Sanchez, Gérard, Nguyen, Boyer, Denis, Lemaire, Duval, Joly, Gautier, Roger,
        Roche, Roy, Noël, Meyer, Lucas, Meunier, Jean, Pérez, Marchand, Dufour, Blanchard,
        Marie, Barbier, Brun, Dumas, Brunet, Schmitt, Leroux, Colin, Fernandez, Pierre, Renard,
        Arnaud, Rolland, Caron, Aubert, Giraud, Leclerc, Vidal, Bourgeois, Renaud, Lemoine,
        Picard, Gaillard, Philippe, Leclercq, Lacroix, Fabre, Dupuis, Olivier, Rodriguez,
        Da Silva, Hervé, Rivière, Benoît, Bérard, Lévêque, Desprès, Chénier, Bégué""",
    ),
    "it": _split(
        """Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco,
        Bruno, Gallo, Conti, De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti,
        Barbieri, Fontana, Santoro, Mariani, Rinaldi, Caruso, Ferrara, Galli, Martini, Leone,
        Longo, Gentile, Martinelli, Vitale, Lombardo, Serra, Coppola, De Santis, D'Angelo,
        Marchetti, Parisi, Villa, Conte, Ferraro, Ferri, Fabbri, Bianco, Marini, Grasso,
        Valentini, Messina, Sala, De Angelis, Gatti, Pellegrini, Palumbo, Sanna, Farina, Rizzi,
        Monti, Cattaneo, Morelli, Amato, Silvestri, Mazza, Testa, Grassi, Pellegrino, Carbone,
        Giuliani, Benedetti, Barone, Rossetti, Caputo, Montanari, Guerra, Palmieri, Bernardi,
        Martino, Fiore, De Rosa, Ferretti, Bellini, Basile, Riva, Donati, Piras, Vitali,
        Battaglia, Sartori, Neri, Costantini, Milani, Pagano, Ruggiero, Sorrentino, D'Amico,
        Orlando, Damico, Negri, Nicolò, Fabbrì""",
    ),
    "nl": _split(
        """de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit,
        Meijer, de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker,
        Brouwer, de Wit, Dijkstra, Smits, de Graaf, van der Meer, van der Linden, Kok,
        Jacobs, de Haan, Vermeulen, van den Heuvel, van der Veen, van den Broek, de Bruijn,
        de Bruin, van der Heijden, Schouten, van Beek, Willems, van Vliet, van de Ven, Hoekstra,
        Maas, Verhoeven, Koster, van Dam, van der Wal, Prins, Blom, Huisman, Peeters, Maes,
        Claes, Goossens, Wouters, De Smet, Mertens, Dubois, Lambrechts, Van Damme, Coppens,
        Çelikkaya, Hoogeveen, IJzerman, van 't Hof, Ruijters, Geerts""",
    ),
    "cs": _split(
        """Novák, Svoboda, Novotný, Dvořák, Černý, Procházka, Kučera, Veselý, Horák, Němec,
        Pokorný, Marek, Pospíšil, Hájek, Jelínek, Král, Růžička, Beneš, Fiala, Sedláček,
        Doležal, Zeman, Kolář, Navrátil, Čermák, Vaněk, Urban, Blažek, Kříž, Kovář, Kratochvíl,
        Bartoš, Vlček, Polák, Musil, Kopecký, Šimek, Konečný, Malý, Holub, Štěpánek, Staněk,
        Kadlec, Dostál, Soukup, Šťastný, Mareš, Moravec, Sýkora, Tichý, Valenta, Vávra, Matoušek,
        Řezníček, Bláha, Šindelář, Žák, Kubíček, Ševčík, Hrubý""",
    ),
    "nordic": _split(
        """Hansen, Johansen, Olsen, Larsen, Andersen, Pedersen, Nilsen, Kristiansen, Jensen,
        Karlsen, Johnsen, Pettersen, Eriksen, Berg, Haugen, Hagen, Johannessen, Andreassen,
        Jacobsen, Dahl, Jørgensen, Halvorsen, Henriksen, Lund, Sørensen, Jakobsen, Moen,
        Gundersen, Iversen, Strand, Solberg, Svendsen, Eide, Knutsen, Martinsen, Paulsen,
        Bakken, Kristoffersen, Mathisen, Lie, Amundsen, Nguyen, Rasmussen, Ali, Lunde, Solheim,
        Berge, Moe, Nygård, Bakke, Kristensen, Fredriksen, Holm, Lien, Hauge, Christensen,
        Andresen, Nielsen, Knudsen, Evensen, Sæther, Aas, Myhre, Hanssen, Ahmed, Haugland,
        Thomassen, Sivertsen, Simonsen, Danielsen, Berntsen, Sandvik, Rønning, Arnesen,
        Antonsen, Næss, Vik, Haug, Ellingsen, Thorsen, Edvardsen, Birkeland, Isaksen, Gulbrandsen,
        Ødegård, Østby, Åsheim, Løvås, Brænden, Kjær, Thygesen, Mikkelsen, Poulsen, Madsen,
        Johansson, Andersson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, Svensson,
        Gustafsson, Pettersson, Jonsson, Jansson, Hansson, Bengtsson, Jönsson, Lindberg,
        Lindström, Lindqvist, Lindgren, Berglund, Fredriksson, Sandberg, Henriksson, Forsberg,
        Sjöberg, Wallin, Engström, Eklund, Danielsson, Lundqvist, Håkansson, Björk, Åberg,
        Öberg, Löfgren, Sjögren, Ångström, Virtanen, Korhonen, Mäkinen, Nieminen, Mäkelä,
        Hämäläinen, Laine, Heikkinen, Koskinen, Järvinen, Lehtonen, Lehtinen, Saarinen,
        Salminen, Heinonen, Niemi, Heikkilä, Kinnunen, Salonen, Turunen, Salo, Laitinen,
        Tuominen, Rantanen, Karjalainen, Jokinen, Mattila, Savolainen, Lahtinen, Ahonen,
        Guðmundsson, Jónsson, Sigurðsson, Gunnarsson, Ólafsson, Einarsson, Kristjánsson,
        Stefánsson, Þórsson, Magnússon, Björnsson, Árnason""",
    ),
    "el": _split(
        """Papadopoulos, Papadopoulou, Vlachos, Angelopoulos, Nikolaidis, Georgiou, Papadakis,
        Oikonomou, Makris, Papanikolaou, Karagiannis, Dimitriou, Ioannidis, Konstantinidis,
        Christodoulou, Alexiou, Athanasiou, Mavridis, Economou, Stavropoulos, Pappas,
        Παπαδόπουλος, Γεωργίου, Νικολάου, Οικονόμου, Ιωάννου, Δημητρίου, Κωνσταντίνου,
        Παπαδάκης, Αθανασίου, Χριστοδούλου, Μαυρίδης, Καραγιάννης, Σταυρόπουλος""",
    ),
    "hu": _split(
        """Nagy, Kovács, Tóth, Szabó, Horváth, Varga, Kiss, Molnár, Németh, Farkas, Balogh,
        Papp, Takács, Juhász, Lakatos, Mészáros, Oláh, Simon, Rácz, Fekete, Szilágyi, Török,
        Fehér, Balázs, Gál, Kis, Szűcs, Kocsis, Orsós, Pintér, Fodor, Szalai, Sipos, Magyar,
        Lukács, Gulyás, Bíró, Király, Katona, László, Jakab, Bogdán, Balog, Sándor, Boros,
        Fazekas, Kelemen, Antal, Somogyi, Orosz, Vörös, Fülöp, Székely, Erdős, Győri""",
    ),
    "ro": _split(
        """Popa, Popescu, Pop, Radu, Dumitru, Stan, Stoica, Gheorghe, Matei, Ciobanu, Ionescu,
        Rusu, Constantin, Mihai, Dinu, Lazăr, Munteanu, Marin, Tudor, Florea, Ștefan, Ene,
        Barbu, Nistor, Moldovan, Cristea, Toma, Dobre, Ilie, Neagu, Diaconu, Mocanu, Preda,
        Ursu, Sârbu, Enache, Sandu, Niculescu, Răducanu, Țăranu, Bălan, Cîrstea, Lungu,
        Manole, Mihăilescu, Oprea, Pîrvu, Văduva, Voicu, Zamfir""",
    ),
    "hr": _split(
        """Horvat, Kovačević, Babić, Marić, Jurić, Novak, Kovačić, Knežević, Vuković, Marković,
        Petrović, Matić, Tomić, Pavlović, Kovač, Božić, Blažević, Grgić, Pavić, Radić, Perić,
        Filipović, Šarić, Lovrić, Vidović, Perković, Popović, Bošnjak, Jukić, Barišić, Mikulić,
        Nikolić, Živković, Jovanović, Đorđević, Stojanović, Ilić, Stanković, Đukić, Šimić,
        Hodžić, Hadžić, Begić, Delić, Demirović, Kurtović, Mujić, Halilović, Ćosić, Čolić,
        Kos, Zupan, Potočnik, Mlakar, Kranjc, Žagar, Golob, Kolar, Kralj, Turk""",
    ),
    "lt": _split(
        """Kazlauskas, Jankauskas, Petrauskas, Stankevičius, Vasiliauskas, Žukauskas, Butkus,
        Paulauskas, Urbonas, Kavaliauskas, Baranauskas, Pocius, Sakalauskas, Navickas,
        Ramanauskas, Savickas, Rimkus, Vaitkus, Žilinskas, Mikalauskas, Bērziņš, Kalniņš,
        Ozoliņš, Jansons, Liepiņš, Krūmiņš, Tamm, Saar, Sepp, Mägi, Kask, Kukk, Rebane, Ilves,
        Pärn, Kõiv, Lepik, Männik""",
    ),
    "en": _split(
        """Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Johnson,
        Roberts, Robinson, Thompson, Wright, Walker, White, Edwards, Hughes, Green, Hall, Lewis,
        Harris, Clarke, Patel, Jackson, Wood, Turner, Martin, Cooper, Hill, Ward, Morris, Moore,
        Clark, Lee, King, Baker, Harrison, Morgan, Allen, James, Scott, Phillips, Watson,
        Davis, Parker, Price, Bennett, Young, Griffiths, Mitchell, Kelly, Cook, Carter,
        Richardson, Bailey, Collins, Bell, Shaw, Murphy, Miller, Cox, Richards, Khan, Marshall,
        Anderson, Simpson, Ellis, Adams, Singh, Begum, Wilkinson, Foster, Chapman, Powell,
        Webb, Rogers, Gray, Mason, Ali, Hunt, Hussain, Campbell, Matthews, Owen, Palmer,
        O'Brien, O'Connor, O'Sullivan, Ó Briain, Ní Bhriain, McCarthy, MacDonald, Byrne,
        Ryan, Doyle, Gallagher, Doherty, Kennedy, Lynch, Murray, Quinn, Moore, McLaughlin,
        Garcia, Rodriguez, Martinez, Hernandez, Lopez, Gonzalez, Nguyen, Kim, Nakamura,
        Washington, Jefferson, Okafor, Adeyemi, Mensah, Mwangi, Abdullahi, Okonkwo""",
    ),
    "uk": _split(
        """Shevchenko, Boyko, Kovalenko, Bondarenko, Tkachenko, Kravchenko, Kovalchuk,
        Oliynyk, Shevchuk, Polishchuk, Koval, Bondar, Tkachuk, Moroz, Marchenko, Lysenko,
        Rudenko, Savchenko, Petrenko, Klymenko, Pavlenko, Levchenko, Kharchenko, Ivanova,
        Ivanov, Smirnov, Kuznetsov, Popov, Sokolov, Lebedev, Kozlov, Novikov, Morozov,
        Шевченко, Бойко, Коваленко, Бондаренко, Ткаченко, Кравченко, Мельник, Олійник,
        Іваненко, Ґудзь, Їжакевич, Єрмоленко""",
    ),
}

GIVEN_NAMES = {
    "de": (
        "Anna, Lena, Lea, Emma, Mia, Hannah, Sophie, Marie, Laura, Julia, Katharina, Jürgen, "
        "Lukas, Leon, Jonas, Finn, Paul, Felix, Maximilian, Tobias, Jörg, Uwe, Björn, Sören"
    ),
    "pl": "Anna, Katarzyna, Małgorzata, Agnieszka, Zofia, Jan, Piotr, Krzysztof, Paweł, Łukasz",
    "tr": "Ayşe, Fatma, Emine, Zeynep, Elif, Mehmet, Mustafa, Ahmet, Ali, Hüseyin, İbrahim",
    "pt": "Maria, Ana, Beatriz, Leonor, Inês, João, José, António, Tomás, Gonçalo, Conceição",
    "es": "María, Lucía, Sofía, Martina, Carmen, Hugo, Martín, Pablo, Álvaro, José Ángel",
    "fr": "Léa, Chloé, Manon, Inès, Camille, Lucas, Hugo, Théo, Raphaël, Gaël, Noé",
    "it": "Giulia, Francesca, Chiara, Sara, Martina, Marco, Luca, Giuseppe, Niccolò, Andrea",
    "nl": "Emma, Sophie, Julia, Fenna, Anouk, Daan, Sem, Lucas, Bram, Joël, Thijs",
    "cs": "Jana, Tereza, Eliška, Lucie, Anežka, Jiří, Tomáš, Lukáš, Jakub, Matěj",
    "nordic": "Ingrid, Sigrid, Åse, Guðrún Ásta, Sóley, Ole, Øystein, Håkon, Björn, Jóhann",
    "el": "Maria, Eleni, Katerina, Sofia, Georgios, Dimitrios, Konstantinos, Ιωάννης, Ελένη",
    "hu": "Anna, Zsófia, Réka, Eszter, Dóra, László, Gábor, Zoltán, Bálint, Ádám",
    "ro": "Maria, Ioana, Elena, Andreea, Ștefania, Andrei, Mihai, Ștefan, Ion, Gheorghe",
    "hr": "Ana, Marija, Ivana, Lucija, Mia, Ivan, Luka, Marko, Đuro, Nikola, Emir, Amra",
    "lt": "Ona, Rūta, Gabija, Austėja, Jonas, Mantas, Lukas, Kārlis, Jānis, Kadri, Tõnu",
    "en": "Olivia, Amelia, Isla, Ava, Emily, Siobhán, Oliver, George, Harry, Seán, Noah",
    "uk": "Olena, Iryna, Oksana, Nataliia, Yuliia, Oleksandr, Andrii, Serhii, Taras, Олена",
}
GIVEN_NAMES = {language: _split(names) for language, names in GIVEN_NAMES.items()}

# The language of the names of persons living in a State (a register's persons also carry
# names of other languages, which the generator adds).
LANGUAGE_OF_STATE = {
    "DE": "de", "AT": "de", "CH": "de", "LU": "fr", "PL": "pl", "TR": "tr", "PT": "pt",
    "BR": "pt", "ES": "es", "FR": "fr", "BE": "nl", "IT": "it", "NL": "nl", "CZ": "cs",
    "SK": "cs", "NO": "nordic", "SE": "nordic", "DK": "nordic", "FI": "nordic",
    "GR": "el", "CY": "el", "HU": "hu", "RO": "ro", "HR": "hr", "SI": "hr", "BA": "hr",
    "LT": "lt", "LV": "lt", "EE": "lt", "US": "en", "GB": "en", "IE": "en", "UA": "uk",
}  # fmt: skip


def _female_forms(language: str, name: str) -> list[str]:
    if language == "pl" and name.endswith(("ski", "cki", "dzki")):
        return [name[:-1] + "a"]
    if language == "cs":
        if name.endswith("ý"):
            return [name[:-1] + "á"]
        if name.endswith(("a", "e")):
            return []
        return [name.rstrip("e") + "ová"]
    if language == "lt" and name.endswith("as"):
        return [name[:-2] + "ienė", name[:-2] + "aitė"]
    if language == "lt" and name.endswith("us"):
        return [name[:-2] + "ienė"]
    if language == "nordic" and name.endswith("sson") and name[0] in "GJSÓEKMBÁÞ":
        return [name[:-4] + "sdóttir"]
    return []


@functools.cache
def family_names() -> dict[str, list[str]]:
    """Each language's distinct family names, most frequent first: its own names, then their
    female forms, then the double names a language combines."""
    names: dict[str, list[str]] = {}
    for language, base in FAMILY_NAMES.items():
        listed = list(dict.fromkeys(base))
        listed += [form for name in base for form in _female_forms(language, name)]
        if language in ("pt", "es"):  # two family names (Iberian usage)
            listed += [f"{a} {b}" for a in base[:35] for b in base[:35] if a != b]
        if language == "de":  # double names, hyphenated
            listed += [f"{a}-{b}" for a in base[:25] for b in base[25:45]]
        names[language] = list(dict.fromkeys(listed))
    return names
