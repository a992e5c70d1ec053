window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1799000000000000001"
          ],
          "editableUntil": "2025-06-04T13:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "dijkstad",
            "indices": [
              "60",
              "69"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [
          {
            "name": "Gemeente Dijkstad",
            "screen_name": "gemeentedijkstad",
            "indices": [
              "0",
              "17"
            ],
            "id_str": "111",
            "id": "111"
          }
        ],
        "urls": [
          {
            "url": "https://t.co/AbCdEf1234",
            "expanded_url": "https://www.dijkstad.example/afval",
            "display_url": "dijkstad.example/afval",
            "indices": [
              "70",
              "93"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "93"
      ],
      "favorite_count": "3",
      "in_reply_to_status_id_str": "1798999999999999999",
      "id_str": "1799000000000000001",
      "in_reply_to_user_id": "111",
      "truncated": false,
      "retweet_count": "0",
      "id": "1799000000000000001",
      "in_reply_to_status_id": "1798999999999999999",
      "created_at": "Wed Jun 04 12:00:00 +0000 2025",
      "favorited": false,
      "full_text": "@gemeentedijkstad wanneer komt de nieuwe afvalkalender? #dijkstad https://t.co/AbCdEf1234",
      "lang": "nl",
      "in_reply_to_screen_name": "gemeentedijkstad",
      "in_reply_to_user_id_str": "111"
    }
  },
  {
    "tweet": {
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "id_str": "1799100000000000002",
      "id": "1799100000000000002",
      "created_at": "Thu Jun 05 08:15:00 +0000 2025",
      "full_text": "Mooie opening van de bibliotheek in Dijkstad vandaag.",
      "lang": "nl"
    }
  }
]